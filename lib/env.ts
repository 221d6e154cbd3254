import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";

// Every environment variable Ciclo reads, validated once. `.env.example` documents them.
const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(v), "must be a postgres:// URL naming a database");

const positiveInt = z.coerce.number().int().positive();

/** A DNS server as node:dns `setServers` takes it, checked here so that it cannot throw there: IPv4[:port] or [IPv6][:port]. */
function isResolverAddress(entry: string): boolean {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+))(?::([0-9]{1,5}))?$/.exec(entry);
  if (!match) return false;
  const port = match[3] === undefined ? 53 : Number(match[3]);
  return (match[1] !== undefined ? isIPv6(match[1]) : isIPv4(match[2]!)) && port >= 1 && port <= 65535;
}

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: positiveInt.max(1000).default(10),
  ROOT_DOMAIN: z
    .string()
    .toLowerCase()
    .regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, "must be a bare host name such as ciclo.example.com (no scheme, no port)")
    .default("localhost"),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  PORT: positiveInt.max(65535).default(3000),
  APP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  RATE_LIMIT_PER_SECOND: positiveInt.default(100),
  RATE_LIMIT_BURST: positiveInt.default(200),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  CICLO_WORKERS: z.enum(["on", "off"]).default("on"),
  // The jobs this node works, comma-separated (e.g. acme.issue,acme.renew); unset: all of them.
  CICLO_WORKER_QUEUES: z
    .string()
    .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*(,[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*)*$/, "must be job names, comma-separated, such as acme.issue,acme.renew")
    .optional(),
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  // Signed-out portal attempts (sign-in, links, resets, 2FA codes, SSO) one client IP may make at
  // once per portal before the 1-a-minute refill (docs/portal-auth.md).
  PORTAL_ATTEMPTS_PER_IP: positiveInt.max(100_000).default(20),
  // Admin password sign-in attempts at once per email address and per client IP, before the slow
  // refill (1 every 2 minutes, 1 a minute; docs/admin.md).
  STAFF_ATTEMPTS_PER_EMAIL: positiveInt.max(100_000).default(10),
  STAFF_ATTEMPTS_PER_IP: positiveInt.max(100_000).default(30),
  // Unset: emails are kept in email_outbox (status `logged`) and printed to the log (development).
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL such as smtp://user:pass@host:587" }).optional(),
  // The deployment's sender: each merchant's emails use its name with this address. Default: Ciclo <no-reply@ROOT_DOMAIN>.
  EMAIL_FROM: z
    .string()
    .trim()
    .regex(/^([^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, "must be an address, optionally with a name: Ciclo <no-reply@example.com>")
    .optional(),
  // Custom domains and their certificates (docs/domains.md). The ACME directory: Let's Encrypt
  // production by default; staging is https://acme-staging-v02.api.letsencrypt.org/directory.
  ACME_DIRECTORY_URL: z.url({ protocol: /^https$/, error: "must be an https:// ACME directory URL" }).default("https://acme-v02.api.letsencrypt.org/directory"),
  // Contact address of the deployment's ACME account (expiry notices from the CA). Optional.
  ACME_EMAIL: z.email({ error: "must be an email address" }).optional(),
  // A PEM file of extra CA certificates to trust for the ACME server's own HTTPS (Pebble, a private CA).
  ACME_CA_FILE: z.string().optional(),
  // DNS server(s) for domain verification, IP[:port] ([v6]:port), comma-separated. Unset: the system's resolvers.
  DOMAINS_DNS_RESOLVER: z
    .string()
    .refine((v) => v.split(",").every(isResolverAddress), "must be IP[:port], comma-separated, such as 127.0.0.1:8053")
    .optional(),
  // Where merchants point their domains: a CNAME target (default ROOT_DOMAIN) and, for zone apexes, A addresses.
  DOMAINS_INGRESS_HOSTNAME: z
    .string()
    .toLowerCase()
    .regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, "must be a bare host name such as ingress.ciclo.example.com")
    .optional(),
  DOMAINS_INGRESS_IPV4: z
    .string()
    .refine((v) => v.split(",").every((ip) => isIPv4(ip)), "must be IPv4 addresses, comma-separated, such as 203.0.113.10")
    .optional(),
  // Custom domains one organization may hold (any status).
  DOMAINS_PER_ORGANIZATION: positiveInt.max(10_000).default(10),
  // TLS serving (docs/tls.md). HTTPS_PORT set: `npm start` serves HTTPS there (each custom
  // domain's certificate by SNI) and plain HTTP on HTTP_PORT (ACME challenges, 301 to HTTPS);
  // PORT is then unused. Unset: plain HTTP on PORT (behind a TLS-terminating proxy, e2e, benches).
  HTTPS_PORT: positiveInt.max(65535).optional(),
  HTTP_PORT: positiveInt.max(65535).default(80),
  // The HTTPS port clients use when it differs from HTTPS_PORT (a load balancer mapping 443 to 8443): redirects and APP_URL.
  HTTPS_PUBLIC_PORT: positiveInt.max(65535).optional(),
  // The root domain's certificate chain and key (PEM), also served for unknown names. Unset: self-signed at start.
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Parses an environment; production requires the secrets that development may default. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const values = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(values);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${issue.path.join(".")}: ${issue.message}`);
  } else {
    if (result.data.NODE_ENV === "production") {
      if (!result.data.APP_SECRET) problems.push("APP_SECRET: required in production (32+ random characters)");
      if (!result.data.AUTH_SECRET) problems.push("AUTH_SECRET: required in production (32+ random characters)");
    }
    if (!result.data.TLS_CERT_FILE !== !result.data.TLS_KEY_FILE) problems.push("TLS_CERT_FILE, TLS_KEY_FILE: set both or neither");
  }
  if (problems.length > 0 || !result.success) {
    throw new EnvError(`Invalid environment:\n  ${problems.join("\n  ")}\nSee .env.example for every variable.`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For start-up: validates, or prints what is wrong (naming the variable) and exits. */
export function validateEnvOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

export function appUrl(): string {
  const e = env();
  if (e.APP_URL) return e.APP_URL.replace(/\/$/, "");
  if (e.HTTPS_PORT) {
    const port = e.HTTPS_PUBLIC_PORT ?? e.HTTPS_PORT;
    return `https://${e.ROOT_DOMAIN}${port === 443 ? "" : `:${port}`}`;
  }
  return `http://${e.ROOT_DOMAIN}:${e.PORT}`;
}
