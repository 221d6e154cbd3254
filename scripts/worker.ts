// npm run worker: job workers alone (no web server), for nodes dedicated to background work.
import { closeDb } from "@/db";
import { startWorkers, stopWorkers } from "@/lib/jobs/worker";
import { validateEnvOrExit } from "@/lib/env";
import { loadDotEnv, prepareDatabase } from "./lib/database";

loadDotEnv();
validateEnvOrExit();
const database = await prepareDatabase((l) => console.log(`ciclo: ${l}`));
await startWorkers(database.url);
console.log("ciclo: workers running (Ctrl+C to stop)");
const shutdown = async () => {
  await stopWorkers();
  await closeDb();
  await database.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
