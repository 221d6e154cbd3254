import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { tlsSettingsFromEnv } from "@/lib/server/tls-serving";

describe("environment validation", () => {
  it("defaults everything a development machine needs", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ ROOT_DOMAIN: "localhost", PORT: 3000, RATE_LIMIT_PER_SECOND: 100, RATE_LIMIT_BURST: 200, NODE_ENV: "development", PORTAL_ATTEMPTS_PER_IP: 20 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ DATABASE_URL: "mysql://x/y" }, "DATABASE_URL"],
    [{ DATABASE_URL: "postgres://localhost" }, "DATABASE_URL"],
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ ROOT_DOMAIN: "https://ciclo.example.com" }, "ROOT_DOMAIN"],
    [{ RATE_LIMIT_BURST: "0" }, "RATE_LIMIT_BURST"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ NODE_ENV: "production" }, "APP_SECRET"],
    [{ NODE_ENV: "production", APP_SECRET: "x".repeat(40) }, "AUTH_SECRET"],
    [{ APP_SECRET: "short" }, "APP_SECRET"],
    [{ HTTPS_PORT: "0" }, "HTTPS_PORT"],
    [{ PORTAL_ATTEMPTS_PER_IP: "0" }, "PORTAL_ATTEMPTS_PER_IP"],
    [{ STAFF_ATTEMPTS_PER_EMAIL: "0" }, "STAFF_ATTEMPTS_PER_EMAIL"],
    [{ CICLO_WORKER_QUEUES: "acme.issue, acme.renew" }, "CICLO_WORKER_QUEUES"],
    [{ TLS_CERT_FILE: "/etc/ciclo/root.pem" }, "TLS_KEY_FILE"],
  ])("refuses %o naming %s", (source, variable) => {
    expect(() => parseEnv(source)).toThrow(new RegExp(`${variable}:`));
  });

  it("turns TLS serving on with HTTPS_PORT only (docs/tls.md)", () => {
    expect(tlsSettingsFromEnv(parseEnv({ PORT: "8080" }))).toBeNull();
    expect(tlsSettingsFromEnv(parseEnv({ HTTPS_PORT: "8443", ROOT_DOMAIN: "ciclo.example.com" }))).toMatchObject({
      httpsPort: 8443,
      httpPort: 80,
      rootDomain: "ciclo.example.com",
    });
  });

  it("stops the process at start-up with a message naming the variable", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "-e", 'import("./lib/env.ts").then((m) => m.validateEnvOrExit())'], {
      env: { ...process.env, PORT: "not-a-port", NODE_ENV: "development" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("PORT:");
    expect(result.stderr).toContain(".env.example");
  });
});
