import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// Pebble (Let's Encrypt's ACME test server) and pebble-challtestsrv (its DNS), both from the
// Debian package `pebble`, started on free loopback ports for one test file. challtestsrv
// answers every A query with 127.0.0.1 unless a test sets records over its management API.

/** A binary on PATH (the Debian package installs both in /usr/bin), or null. */
export function findBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/bin"];
  return dirs.map((dir) => path.join(dir, name)).find((file) => fs.existsSync(file)) ?? null;
}

export type PebbleServer = {
  directoryUrl: string;
  /** The CA that signed Pebble's own HTTPS listener (what the ACME client must trust). */
  listenerCaFile: string;
  /** Pebble's listener certificate and key (127.0.0.1/localhost), for other test servers to reuse. */
  listenerTls: { certFile: string; keyFile: string };
  /** host:port of challtestsrv's DNS. */
  dnsServer: string;
  /** challtestsrv's management API (dnsTestClient sets records through it). */
  managementUrl: string;
  setTxt(host: string, value: string): Promise<void>;
  clearTxt(host: string): Promise<void>;
  addA(host: string, addresses: string[]): Promise<void>;
  clearA(host: string): Promise<void>;
  /** Pebble's issuing root (regenerated at every start). */
  rootPem(): Promise<string>;
  /** GET on Pebble's ACME listener (its directory, say), trusting the listener's CA. */
  get(url: string): Promise<string>;
  stop(): Promise<void>;
};

function requireBinaries(): { pebble: string; challtestsrv: string } {
  const [pebble, challtestsrv] = [findBinary("pebble"), findBinary("pebble-challtestsrv")];
  if (!pebble || !challtestsrv) {
    throw new Error(
      "pebble and pebble-challtestsrv are not installed: install the Debian package with `apt-get update && apt-get install -y pebble` (it ships both); these tests never skip",
    );
  }
  return { pebble, challtestsrv };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway CA and a 127.0.0.1/localhost certificate for Pebble's HTTPS listener. */
function listenerCertificate(dir: string): { caFile: string; certFile: string; keyFile: string } {
  const run = (args: string[]) => {
    const result = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
    if (result.error) throw new Error(`openssl is missing (it makes Pebble's listener certificate): apt-get install -y openssl (${result.error.message})`);
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  };
  fs.writeFileSync(path.join(dir, "san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=ciclo test pebble CA", "-keyout", "ca.key", "-out", "ca.pem"]);
  run(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=localhost", "-keyout", "key.pem", "-out", "req.csr"]);
  run(["x509", "-req", "-in", "req.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "cert.pem"]);
  return { caFile: path.join(dir, "ca.pem"), certFile: path.join(dir, "cert.pem"), keyFile: path.join(dir, "key.pem") };
}

/** Resolves once `pattern` appears in the process's output; rejects if it exits first. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 15 s:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${output}`));
    });
  });
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function httpsGet(url: string, ca: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`GET ${url}: ${res.statusCode} ${body}`))));
      })
      .on("error", reject);
  });
}

/**
 * Starts challtestsrv (DNS only) and Pebble validating HTTP-01 on `httpPort` of 127.0.0.1.
 * `validitySeconds` shortens the certificates Pebble issues; Pebble refuses orders for `blockedDomains`.
 */
export async function startPebble(options: { httpPort: number; validitySeconds?: number; blockedDomains?: string[] }): Promise<PebbleServer> {
  const binaries = requireBinaries();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ciclo-pebble-"));
  const tls = listenerCertificate(dir);
  const [dnsPort, managementPort, acmePort, pebbleManagementPort] = [await freePort(), await freePort(), await freePort(), await freePort()];

  const challtestsrv = spawn(
    binaries.challtestsrv,
    ["-dns01", `127.0.0.1:${dnsPort}`, "-management", `127.0.0.1:${managementPort}`, "-http01", "", "-https01", "", "-tlsalpn01", "", "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const children: ChildProcess[] = [challtestsrv];
  const stop = async () => {
    await Promise.all(children.map(stopProcess));
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitForOutput(challtestsrv, /Starting management server/i, "pebble-challtestsrv");
    const config = {
      pebble: {
        listenAddress: `127.0.0.1:${acmePort}`,
        managementListenAddress: `127.0.0.1:${pebbleManagementPort}`,
        certificate: tls.certFile,
        privateKey: tls.keyFile,
        httpPort: options.httpPort,
        tlsPort: options.httpPort, // TLS-ALPN-01 is never offered an answer here
        ocspResponderURL: "",
        externalAccountBindingRequired: false,
        ...(options.validitySeconds ? { certificateValidityPeriod: options.validitySeconds } : {}),
        ...(options.blockedDomains ? { domainBlocklist: options.blockedDomains } : {}),
      },
    };
    const configFile = path.join(dir, "pebble-config.json");
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    const pebble = spawn(binaries.pebble, ["-config", configFile, "-dnsserver", `127.0.0.1:${dnsPort}`], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PEBBLE_VA_NOSLEEP: "1", PEBBLE_WFE_NONCEREJECT: "0", PEBBLE_WFE_ORDERS_PER_PAGE: "1000" },
    });
    children.push(pebble);
    await waitForOutput(pebble, /Listening on: /, "pebble");
  } catch (error) {
    await stop();
    throw error;
  }

  const ca = fs.readFileSync(tls.caFile);
  const manage = async (endpoint: string, body: unknown) => {
    const res = await fetch(`http://127.0.0.1:${managementPort}/${endpoint}`, { method: "POST", body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`challtestsrv ${endpoint}: ${res.status} ${await res.text()}`);
  };
  const fqdn = (host: string) => (host.endsWith(".") ? host : `${host}.`);

  return {
    directoryUrl: `https://127.0.0.1:${acmePort}/dir`,
    listenerCaFile: tls.caFile,
    listenerTls: { certFile: tls.certFile, keyFile: tls.keyFile },
    dnsServer: `127.0.0.1:${dnsPort}`,
    managementUrl: `http://127.0.0.1:${managementPort}`,
    setTxt: (host, value) => manage("set-txt", { host: fqdn(host), value }),
    clearTxt: (host) => manage("clear-txt", { host: fqdn(host) }),
    addA: (host, addresses) => manage("add-a", { host: fqdn(host), addresses }),
    clearA: (host) => manage("clear-a", { host: fqdn(host) }),
    rootPem: () => httpsGet(`https://127.0.0.1:${pebbleManagementPort}/roots/0`, ca),
    get: (url) => httpsGet(url, ca),
    stop,
  };
}
