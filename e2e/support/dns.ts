import fs from "node:fs";
import path from "node:path";
import { dnsTestClient } from "@/tests/helpers/challtestsrv";
import { e2eTlsDir } from "./tls";

// The test DNS (pebble-challtestsrv) e2e/server.ts starts for domain verification: where its
// management URL is written, and a client for specs to set records with.
export const e2eDnsFile = (port = Number(process.env.E2E_PORT ?? 3310)) => path.join(e2eTlsDir(port), "dns.json");

export function e2eDns() {
  const file = e2eDnsFile();
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: e2e/server.ts starts pebble-challtestsrv for these tests (install the Debian package \`pebble\`; E2E_DNS must not be off)`);
  }
  const { managementUrl } = JSON.parse(fs.readFileSync(file, "utf8")) as { managementUrl: string };
  return dnsTestClient(managementUrl);
}
