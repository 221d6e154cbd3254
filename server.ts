// The production server (`npm start`, through scripts/serve.ts; e2e runs and benches start it
// too): Next.js in this process, the build's precompressed static assets answered first
// (lib/server/precompressed.ts). Two modes (docs/tls.md):
// - plain HTTP on PORT (the default: behind a TLS-terminating proxy, e2e runs, benches);
// - TLS when HTTPS_PORT is set: HTTPS with each custom domain's certificate picked by SNI and a
//   default certificate for the rest, plus HTTP on HTTP_PORT for ACME challenges and 301s to
//   HTTPS (lib/server/tls-serving.ts).
// `npm run dev` keeps Next's own dev server, without TLS.
import http from "node:http";
import { isIPv4 } from "node:net";
import type https from "node:https";
import path from "node:path";
import { pathToFileURL } from "node:url";
import next from "next";
import { databaseUrl } from "@/db";
import { PEER_FROM_SOCKET_ENV } from "@/lib/client-ip";
import { env } from "@/lib/env";
import { precompressedAssets } from "@/lib/server/precompressed";
import { startTlsServing, tlsSettingsFromEnv, type TlsSettings } from "@/lib/server/tls-serving";
import { trustProxy } from "@/lib/tenancy/config";

export type RunningServer = { server: http.Server | https.Server; close: () => Promise<void>; describe: string };

export async function startServer(input: { port: number; hostname?: string; dir?: string; tls?: TlsSettings | null }): Promise<RunningServer> {
  const dir = input.dir ?? process.cwd();
  const port = input.tls ? input.tls.httpsPort : input.port;
  const app = next({ dev: false, dir, port, hostname: input.hostname ?? "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();
  const assets = precompressedAssets(path.join(dir, process.env.NEXT_DIST_DIR || ".next", "static"));
  // Without a reverse proxy of ours in front, the client is whoever opened the socket: its address
  // replaces any X-Forwarded-For the client wrote, and lib/client-ip.ts may believe it.
  const peerFromSocket = !trustProxy();
  if (peerFromSocket) process.env[PEER_FROM_SOCKET_ENV] = "1";
  const handler: http.RequestListener = (req, res) => {
    if (peerFromSocket) req.headers["x-forwarded-for"] = peerAddress(req.socket.remoteAddress);
    if (assets.serve(req, res)) return;
    void handle(req, res);
  };

  if (input.tls) {
    const serving = await startTlsServing({ handler, settings: input.tls, databaseUrl: databaseUrl() });
    const plain = input.tls.httpPort === null ? "no HTTP listener" : `HTTP on port ${input.tls.httpPort} (ACME challenges, 301 to HTTPS)`;
    return {
      server: serving.https,
      describe: `HTTPS on port ${input.tls.httpsPort} (${serving.stats().servable} custom-domain certificates, default certificate ${serving.defaultCertificate().origin}), ${plain}`,
      close: async () => {
        await serving.close();
        await app.close();
      },
    };
  }

  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  const close = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await app.close();
  };
  return { server, close, describe: `HTTP on port ${port}` };
}

/** The socket's address, an IPv4 client of a dual-stack listener as plain IPv4 (`::ffff:1.2.3.4` -> `1.2.3.4`). */
function peerAddress(address: string | undefined): string {
  if (!address) return "";
  return address.startsWith("::ffff:") && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/** SIGTERM/SIGINT: in-flight requests finish, then `after` runs, then the process exits; a stuck request does not keep it alive for ever. */
export function exitOnSignals(running: RunningServer, after: () => Promise<void> = async () => {}): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 10_000).unref();
    void running
      .close()
      .then(after)
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** Run directly (`node --import tsx server.ts`): the environment chooses the mode; SIGTERM/SIGINT drain. */
async function main(): Promise<void> {
  const e = env();
  const running = await startServer({ port: e.PORT, tls: tlsSettingsFromEnv(e) });
  console.log(`ciclo: production server listening: ${running.describe}`);
  exitOnSignals(running);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
