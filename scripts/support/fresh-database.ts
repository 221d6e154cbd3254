import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";

// A throwaway, migrated database for e2e runs and benchmarks: on DATABASE_URL's server when
// set (never DATABASE_URL's own database: a sibling named `name`), else on an embedded
// PostgreSQL kept in its own data directory so it never touches the dev cluster.
export type FreshDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

export async function freshDatabase(
  name: string,
  options: { dataDir: string; say?: (line: string) => void },
): Promise<FreshDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  const say = options.say ?? (() => {});
  let serverUrl = process.env.DATABASE_URL;
  const embedded = !serverUrl;
  let stop = async () => {};
  if (!serverUrl) {
    const started = Date.now();
    const server = await startEmbeddedPostgres(path.resolve(options.dataDir));
    serverUrl = server.url("postgres");
    stop = server.stop;
    say(`embedded PostgreSQL on 127.0.0.1:${server.port} (data in ${path.relative(process.cwd(), options.dataDir)}, ${Date.now() - started} ms)`);
  }
  const admin = postgres(withDatabase(serverUrl, "postgres"), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(serverUrl, name);
  await runMigrations(url);
  say(`database ${name} recreated and migrated (${embedded ? "embedded" : "DATABASE_URL's server"})`);
  return { url, embedded, stop };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
