import fs from "node:fs";
import path from "node:path";

/** The e2e server's database (E2E_DATABASE, default ciclo_e2e) on DATABASE_URL's server, else on the embedded one. */
export function e2eDatabaseUrl(): string {
  const name = process.env.E2E_DATABASE ?? "ciclo_e2e";
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    return u.toString();
  }
  const embeddedPort = fs.readFileSync(path.join(process.cwd(), ".data", "pg-e2e.port"), "utf8").trim();
  return `postgres://postgres:postgres@127.0.0.1:${embeddedPort}/${name}`;
}
