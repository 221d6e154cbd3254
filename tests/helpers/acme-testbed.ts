import http from "node:http";
import type net from "node:net";
import { answerHttp01Challenge } from "@/lib/acme/challenges";
import { env } from "@/lib/env";
import { startPebble, type PebbleServer } from "./pebble";

// Pebble validating HTTP-01 against a plain node:http server that answers through the very
// function the app's route (app/.well-known/acme-challenge/[token]/route.ts) calls, with the
// environment pointing Ciclo at Pebble and at challtestsrv's DNS.
export type AcmeTestbed = {
  pebble: PebbleServer;
  /** `host path` of every request Pebble's validator made. */
  validations: string[];
  stop(): Promise<void>;
};

const CHALLENGE_PATH = /^\/\.well-known\/acme-challenge\/([^/?#]+)$/;

function startChallengeServer(validations: string[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    validations.push(`${req.headers.host} ${req.url}`);
    const match = CHALLENGE_PATH.exec(req.url ?? "");
    const answer = match ? answerHttp01Challenge({ host: req.headers.host ?? null, token: decodeURIComponent(match[1]!) }) : Promise.resolve(null);
    answer.then(
      (keyAuthorization) => {
        res.writeHead(keyAuthorization ? 200 : 404, { "content-type": "text/plain" });
        res.end(keyAuthorization ?? "Not found\n");
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/**
 * Call before anything reads env() in this test file: lib/env caches the environment on first read.
 * `extraEnv` adds or overrides variables (e.g. DOMAINS_PER_ORGANIZATION), possibly from the running Pebble.
 */
export async function startAcmeTestbed(
  options: { validitySeconds?: number; blockedDomains?: string[]; extraEnv?: Record<string, string> | ((pebble: PebbleServer) => Promise<Record<string, string>>) } = {},
): Promise<AcmeTestbed> {
  const validations: string[] = [];
  const server = await startChallengeServer(validations);
  const httpPort = (server.address() as net.AddressInfo).port;
  let pebble: PebbleServer;
  try {
    pebble = await startPebble({ httpPort, validitySeconds: options.validitySeconds, blockedDomains: options.blockedDomains });
  } catch (error) {
    server.close();
    throw error;
  }
  Object.assign(process.env, {
    ACME_DIRECTORY_URL: pebble.directoryUrl,
    ACME_CA_FILE: pebble.listenerCaFile,
    ACME_EMAIL: "certificates@ciclo.example.com",
    DOMAINS_DNS_RESOLVER: pebble.dnsServer,
    DOMAINS_INGRESS_IPV4: "127.0.0.1",
    ...(typeof options.extraEnv === "function" ? await options.extraEnv(pebble) : options.extraEnv),
  });
  if (env().DOMAINS_DNS_RESOLVER !== pebble.dnsServer || env().ACME_DIRECTORY_URL !== process.env.ACME_DIRECTORY_URL) {
    throw new Error("env() was read before startAcmeTestbed set the ACME variables: start the testbed first in the file's beforeAll");
  }
  return {
    pebble,
    validations,
    stop: async () => {
      await pebble.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
