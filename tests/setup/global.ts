import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";

// Once per run: pick the PostgreSQL server (DATABASE_URL's, or an embedded one when unset),
// build a migrated template database, and hand its name to the test files.
declare module "vitest" {
  export interface ProvidedContext {
    dbServerUrl: string;
    dbTemplate: string;
  }
}

let embedded: EmbeddedServer | undefined;

export async function setup(project: TestProject) {
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
  } else {
    embedded = await startEmbeddedPostgres(path.join(process.cwd(), ".data", "pg-test"));
    serverUrl = embedded.url("postgres");
  }
  const template = `ciclo_template_${process.pid}`;
  const admin = postgres(withDatabase(serverUrl, "postgres"), { max: 1, onnotice: () => {} });
  try {
    await dropStaleTestDatabases(admin);
    await admin.unsafe(`create database "${template}"`);
  } finally {
    await admin.end();
  }
  await runMigrations(withDatabase(serverUrl, template));
  project.provide("dbServerUrl", serverUrl);
  project.provide("dbTemplate", template);

  return async () => {
    const cleanup = postgres(withDatabase(serverUrl, "postgres"), { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists "${template}" with (force)`).catch(() => {});
    await cleanup.end();
    await embedded?.stop();
  };
}

/** Databases left by a killed run (their process is gone). */
async function dropStaleTestDatabases(admin: postgres.Sql) {
  const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname ~ '^ciclo_(template|test)_[0-9]+'`;
  for (const { datname } of rows) {
    const pid = Number(/_(\d+)/.exec(datname)![1]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {}
    if (!alive) await admin.unsafe(`drop database if exists "${datname}" with (force)`).catch(() => {});
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
