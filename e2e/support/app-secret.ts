import fs from "node:fs";
import path from "node:path";
import { e2eTlsDir } from "./tls";

// The e2e server's APP_SECRET: a throwaway made per run by e2e/server.ts and written beside its
// test TLS files (a folder only this user reads), so that a spec can seal or open what the server
// does, e.g. a webhook endpoint's signing secret when it plays the delivery worker.
export const e2eAppSecretFile = (port = Number(process.env.E2E_PORT ?? 3310)) => path.join(e2eTlsDir(port), "app-secret");

export function e2eAppSecret(): string {
  const file = e2eAppSecretFile();
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: e2e/server.ts writes it when it starts`);
  return fs.readFileSync(file, "utf8");
}
