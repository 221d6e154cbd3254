// npm run db:migrate: applies committed migrations to DATABASE_URL (or the embedded database).
import { validateEnvOrExit } from "@/lib/env";
import { loadDotEnv, prepareDatabase } from "./lib/database";

loadDotEnv();
validateEnvOrExit();
const database = await prepareDatabase((l) => console.log(`ciclo: ${l}`));
console.log("ciclo: migrations applied");
await database.stop();
