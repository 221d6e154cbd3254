// A TLS server for scripts/bench-tls.ts, in a process of its own (its CPU is its own), with a
// one-line app: the handshake is what is measured. argv[2]:
// - `sni`: the production TLS layer (lib/server/tls-serving.ts): certificates by SNI from the
//   database through the cache, exactly as server.ts serves them (DATABASE_URL, APP_SECRET);
// - `single`: a plain https.createServer with one certificate (BENCH_TLS_CERT_FILE /
//   BENCH_TLS_KEY_FILE) and the same TLS policy: the baseline.
// Prints `ready <port>` once listening; SIGTERM stops it.
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type net from "node:net";
import { ALPN_PROTOCOLS, tlsPolicy } from "@/lib/server/tls-policy";
import { startTlsServing } from "@/lib/server/tls-serving";

const mode = process.argv[2];
const app: http.RequestListener = (_req, res) => res.end("ok");

async function start(): Promise<{ port: number; close: () => Promise<void> }> {
  if (mode === "sni") {
    const serving = await startTlsServing({
      handler: app,
      settings: { httpsPort: 0, httpPort: null, rootDomain: "bench.test" },
      databaseUrl: process.env.DATABASE_URL!,
      hostname: "127.0.0.1",
    });
    return { port: (serving.https.address() as net.AddressInfo).port, close: serving.close };
  }
  if (mode === "single") {
    const server = https.createServer(
      { ...tlsPolicy, cert: fs.readFileSync(process.env.BENCH_TLS_CERT_FILE!), key: fs.readFileSync(process.env.BENCH_TLS_KEY_FILE!), ALPNProtocols: ALPN_PROTOCOLS },
      app,
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }
  throw new Error(`usage: tls-bench-server.ts sni|single (got ${mode})`);
}

const running = await start();
console.log(`ready ${running.port}`);
process.once("SIGTERM", () => void running.close().finally(() => process.exit(0)));
