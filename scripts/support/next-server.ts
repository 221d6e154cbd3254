import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Starting the production build (server.ts, as `npm start` does) for e2e runs and benchmarks.

/** The build's folder: NEXT_DIST_DIR (next.config.js reads the same variable), else .next. */
export const distDir = () => process.env.NEXT_DIST_DIR || ".next";
export const buildIdFile = () => path.join(process.cwd(), distDir(), "BUILD_ID");
export const hasBuild = () => fs.existsSync(buildIdFile());

const secret = () => randomBytes(32).toString("base64url");

/** The environment of a production server: throwaway secrets, no job workers, explicit host. */
export function productionEnv(input: { port: number; databaseUrl: string; extra?: Record<string, string> }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(input.port),
    DATABASE_URL: input.databaseUrl,
    ROOT_DOMAIN: "localhost",
    APP_URL: `http://localhost:${input.port}`,
    APP_SECRET: secret(),
    AUTH_SECRET: secret(),
    CICLO_WORKERS: "off",
    NEXT_TELEMETRY_DISABLED: "1",
    ...input.extra,
  };
}

/**
 * The production server as `npm start` runs it (server.ts: Next.js behind node:http, the build's
 * precompressed assets first), in one process whose pid is the server's. NEXT_NODE_ARGS: extra
 * node flags for it only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (NODE_OPTIONS refuses those).
 */
export function startNext(input: { port: number; env: NodeJS.ProcessEnv; stdio?: StdioOptions }): ChildProcess {
  const nodeArgs = process.env.NEXT_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  return spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server.ts"], {
    stdio: input.stdio ?? "inherit",
    env: { ...input.env, PORT: String(input.port) },
  });
}

/** Resolves once `url` answers 2xx; rejects when the server exits first or time runs out. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once("exit", () => (exited = true));
  while (Date.now() < deadline) {
    if (exited || child.exitCode !== null) throw new Error(`server exited (code ${child.exitCode}) before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL when it has not exited after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
