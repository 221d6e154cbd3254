import { spawn } from "node:child_process";
import { findBinary, freePort, stopProcess, waitForOutput } from "./pebble";

// pebble-challtestsrv alone, as a DNS server whose records a test sets over its management API
// (the e2e server starts one so that the admin's "Verify now" checks real DNS). Every A query
// is answered 127.0.0.1 unless a test sets records.
export type DnsTestServer = { dnsServer: string; managementUrl: string; stop(): Promise<void> };

export async function startDnsTestServer(): Promise<DnsTestServer> {
  const binary = findBinary("pebble-challtestsrv");
  if (!binary) throw new Error("pebble-challtestsrv is not installed: `apt-get update && apt-get install -y pebble` (it ships it)");
  const [dnsPort, managementPort] = [await freePort(), await freePort()];
  const child = spawn(
    binary,
    ["-dns01", `127.0.0.1:${dnsPort}`, "-management", `127.0.0.1:${managementPort}`, "-http01", "", "-https01", "", "-tlsalpn01", "", "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  try {
    await waitForOutput(child, /Starting management server/i, "pebble-challtestsrv");
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { dnsServer: `127.0.0.1:${dnsPort}`, managementUrl: `http://127.0.0.1:${managementPort}`, stop: () => stopProcess(child) };
}

/** Sets or clears records on a running challtestsrv (its management API). */
export function dnsTestClient(managementUrl: string) {
  const manage = async (endpoint: string, body: unknown) => {
    const res = await fetch(`${managementUrl}/${endpoint}`, { method: "POST", body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`challtestsrv ${endpoint}: ${res.status} ${await res.text()}`);
  };
  const fqdn = (host: string) => (host.endsWith(".") ? host : `${host}.`);
  return {
    setTxt: (host: string, value: string) => manage("set-txt", { host: fqdn(host), value }),
    clearTxt: (host: string) => manage("clear-txt", { host: fqdn(host) }),
    addA: (host: string, addresses: string[]) => manage("add-a", { host: fqdn(host), addresses }),
  };
}
