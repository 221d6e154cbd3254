// npm run seed [-- --json]: creates the demo tenants idempotently and prints their keys.
import { closeDb, getDb } from "@/db";
import { seedDemo } from "@/db/seed";
import { appUrl, validateEnvOrExit } from "@/lib/env";
import { loadDotEnv, prepareDatabase } from "./lib/database";

loadDotEnv();
validateEnvOrExit();
const json = process.argv.includes("--json");
const database = await prepareDatabase(json ? undefined : (l) => console.error(`ciclo: ${l}`));
const result = await seedDemo(getDb(), { appUrl: appUrl() });
await closeDb();
await database.stop();

if (json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  for (const t of result.tenants) {
    console.log(`${t.name} (owner ${t.owner_email} / ${result.admin_password})`);
    console.log(`  live     ${t.live.organization_id}  ${t.live.portal_url}  ${t.live.api_key}`);
    console.log(`  sandbox  ${t.sandbox.organization_id}  ${t.sandbox.portal_url}  ${t.sandbox.api_key}`);
  }
}
