import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** A database handle or an open transaction: services compose inside `db.transaction`. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

type Handle = { url: string; client: postgres.Sql; db: Db };

// One pool per process (kept on globalThis so Next's dev reloads don't leak pools).
const holder = globalThis as unknown as { __cicloDb?: Handle };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm run dev starts an embedded PostgreSQL and sets it)");
  return url;
}

export function getDb(): Db {
  const url = databaseUrl();
  const current = holder.__cicloDb;
  if (current && current.url === url) return current.db;
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    onnotice: () => {},
    connection: { application_name: "ciclo" },
  });
  const db = drizzle(client, { schema });
  holder.__cicloDb = { url, client, db };
  return db;
}

export async function closeDb(): Promise<void> {
  const current = holder.__cicloDb;
  holder.__cicloDb = undefined;
  if (current) await current.client.end({ timeout: 5 });
}

export { schema };
