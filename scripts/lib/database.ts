import fs from "node:fs";
import path from "node:path";
import { defaultDataDir, startEmbeddedPostgres } from "@/db/embedded";
import { ensureDatabase, runMigrations } from "@/db/migrate";

// The database for a command: DATABASE_URL when set, else the embedded PostgreSQL under .data/.
// Either way the database exists and is migrated when this returns; DATABASE_URL is set.
export async function prepareDatabase(say: (line: string) => void = () => {}): Promise<{ url: string; embedded: boolean; stop: () => Promise<void> }> {
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  const embedded = !url;
  if (!url) {
    const started = Date.now();
    const server = await startEmbeddedPostgres(defaultDataDir());
    url = server.url("ciclo");
    stop = server.stop;
    say(`embedded PostgreSQL on 127.0.0.1:${server.port} (data in .data/pg, ${Date.now() - started} ms)`);
  }
  await ensureDatabase(url);
  await runMigrations(url);
  process.env.DATABASE_URL = url;
  return { url, embedded, stop };
}

/** Loads `.env` when present (the app itself gets it from Next too). */
export function loadDotEnv(): void {
  const file = path.join(process.cwd(), ".env");
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

/** Development secrets: generated once, kept in .data/secrets.json, never used in production. */
export function ensureDevSecrets(): void {
  if (process.env.NODE_ENV === "production") return;
  const file = path.join(process.cwd(), ".data", "secrets.json");
  let secrets: Record<string, string> = {};
  if (fs.existsSync(file)) secrets = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const name of ["APP_SECRET", "AUTH_SECRET"]) {
    secrets[name] ??= Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
    process.env[name] ||= secrets[name];
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
}
