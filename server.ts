// The production server (`npm start`, through scripts/serve.ts; e2e runs and benches start it
// too): Next.js in this process behind node:http, the build's precompressed static assets
// answered first (lib/server/precompressed.ts). TLS with per-host certificates comes here next
// (ARCHITECTURE.md, issue 6); `npm run dev` keeps Next's own dev server.
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import next from "next";
import { precompressedAssets } from "@/lib/server/precompressed";

export type RunningServer = { server: http.Server; close: () => Promise<void> };

export async function startServer(input: { port: number; hostname?: string; dir?: string }): Promise<RunningServer> {
  const dir = input.dir ?? process.cwd();
  const app = next({ dev: false, dir, port: input.port, hostname: input.hostname ?? "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();
  const assets = precompressedAssets(path.join(dir, process.env.NEXT_DIST_DIR || ".next", "static"));
  const server = http.createServer((req, res) => {
    if (assets.serve(req, res)) return;
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(input.port, () => resolve());
  });
  const close = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await app.close();
  };
  return { server, close };
}

/** Run directly (`node --import tsx server.ts`): PORT from the environment, SIGTERM/SIGINT drain. */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const running = await startServer({ port });
  console.log(`ciclo: production server listening on port ${port}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // In-flight requests finish; a stuck one does not keep the process alive for ever.
    setTimeout(() => process.exit(0), 10_000).unref();
    void running.close().finally(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
