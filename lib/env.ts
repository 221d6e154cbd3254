import { z } from "zod";

// Every environment variable Ciclo reads, validated once. `.env.example` documents them.
const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(v), "must be a postgres:// URL naming a database");

const positiveInt = z.coerce.number().int().positive();

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
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  // Unset: emails are kept in email_outbox (status `logged`) and printed to the log (development).
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL such as smtp://user:pass@host:587" }).optional(),
  // The deployment's sender: each merchant's emails use its name with this address. Default: Ciclo <no-reply@ROOT_DOMAIN>.
  EMAIL_FROM: z
    .string()
    .trim()
    .regex(/^([^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, "must be an address, optionally with a name: Ciclo <no-reply@example.com>")
    .optional(),
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
  } else if (result.data.NODE_ENV === "production") {
    if (!result.data.APP_SECRET) problems.push("APP_SECRET: required in production (32+ random characters)");
    if (!result.data.AUTH_SECRET) problems.push("AUTH_SECRET: required in production (32+ random characters)");
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
  return (e.APP_URL ?? `http://${e.ROOT_DOMAIN}:${e.PORT}`).replace(/\/$/, "");
}
