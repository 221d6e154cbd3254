import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { closeDb } from "@/db";
import { flushRequestLogs } from "@/lib/api/request-log";

// Before each test file: a fresh database copied from the migrated template.
const serverUrl = inject("dbServerUrl");
const template = inject("dbTemplate");
const name = `ciclo_test_${process.pid}_${randomBytes(4).toString("hex")}`;

const adminUrl = new URL(serverUrl);
adminUrl.pathname = "/postgres";
const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });

for (let attempt = 0; ; attempt++) {
  try {
    await admin.unsafe(`create database "${name}" template "${template}"`);
    break;
  } catch (error) {
    // Two files copying the template at the same instant: PostgreSQL refuses one; retry.
    if (attempt >= 20 || (error as { code?: string }).code !== "55006") throw error;
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
  }
}

const dbUrl = new URL(serverUrl);
dbUrl.pathname = `/${name}`;
process.env.DATABASE_URL = dbUrl.toString();

afterAll(async () => {
  await flushRequestLogs();
  await closeDb();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
});
