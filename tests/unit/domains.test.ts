import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { domainToASCII } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { GET as challengeRoute } from "@/app/.well-known/acme-challenge/[token]/route";
import { getDb } from "@/db";
import { customDomains } from "@/db/schema";
import { pickRenewalTime } from "@/lib/acme/ari";
import { certificateFacts, defaultRenewAt } from "@/lib/acme/certificate-info";
import { storeChallenge } from "@/lib/acme/challenges";
import { retryDelayMs } from "@/lib/acme/issue";
import { checkCustomHostname } from "@/lib/domains/hostname";
import { nextCheckDelayMs } from "@/lib/domains/verify";
import { parseEnv } from "@/lib/env";
import { resetClock, setClock } from "@/lib/clock";
import { dispatch } from "@/lib/tenancy/dispatch";
import { createTenant } from "../helpers/factories";

afterEach(() => resetClock());

describe("custom host names", () => {
  it("normalizes case, spaces, a trailing dot and Unicode", () => {
    expect(checkCustomHostname(" Billing.Example.COM. ", "ciclo.example.com")).toEqual({ ok: true, hostname: "billing.example.com" });
    expect(checkCustomHostname("faturas.açaí.com.br", "ciclo.example.com")).toEqual({ ok: true, hostname: domainToASCII("faturas.açaí.com.br") });
  });

  it.each(["ciclo.example.com", "acme.ciclo.example.com", "www.ciclo.example.com", "a.b.ciclo.example.com"])("refuses the platform's own %s", (host) => {
    expect(checkCustomHostname(host, "ciclo.example.com")).toMatchObject({ ok: false, message: expect.stringContaining("ciclo.example.com") });
  });

  it.each(["10.0.0.1", "10.0.0.1.", "[::1]", "::1", "*.example.com", "shop..example.com", "-shop.example.com", "shop.example.123", "http://shop.example.com"])(
    "refuses %s",
    (host) => {
      expect(checkCustomHostname(host, "ciclo.example.com").ok).toBe(false);
    },
  );
});

describe("schedules", () => {
  it("retries failed orders after 1 min, 10 min, 100 min, then daily", () => {
    expect([1, 2, 3, 4, 9].map(retryDelayMs)).toEqual([60_000, 600_000, 6_000_000, 86_400_000, 86_400_000]);
  });

  it("re-checks pending DNS every minute at first, doubling up to hourly", () => {
    expect([0, 1, 2, 5, 6, 50].map(nextCheckDelayMs)).toEqual([60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000]);
  });

  it("renews at a random moment inside the ARI window, at once when it has passed", () => {
    const at = new Date("2026-06-01T00:00:00Z");
    const window = { start: new Date("2026-06-10T00:00:00Z"), end: new Date("2026-06-11T00:00:00Z"), retryAfterSeconds: 3600, explanationUrl: null };
    expect(pickRenewalTime(window, at, () => 0)).toEqual(window.start);
    expect(pickRenewalTime(window, at, () => 0.5)).toEqual(new Date("2026-06-10T12:00:00Z"));
    expect(pickRenewalTime({ ...window, end: new Date("2026-05-31T00:00:00Z"), start: new Date("2026-05-30T00:00:00Z") }, at)).toEqual(at);
  });
});

describe("certificate facts", () => {
  /** A self-signed certificate from openssl, with extra -addext arguments. */
  function selfSigned(serial: string, ...extra: string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ciclo-cert-"));
    const args = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "90", "-subj", "/CN=facts.example.test"];
    const out = spawnSync("openssl", [...args, "-set_serial", serial, ...extra, "-keyout", path.join(dir, "k.pem"), "-out", path.join(dir, "c.pem")], { encoding: "utf8" });
    expect(out.status, out.stderr).toBe(0);
    const pem = fs.readFileSync(path.join(dir, "c.pem"), "utf8");
    fs.rmSync(dir, { recursive: true, force: true });
    return pem;
  }

  it("builds the ARI identifier from the AKI key id and the DER serial (a leading zero kept for a high bit)", () => {
    const pem = selfSigned("0x80ff", "-addext", "subjectAltName=DNS:facts.example.test");
    const keyId = /Authority Key Identifier:\s+([0-9A-F:]+)/.exec(spawnSync("openssl", ["x509", "-noout", "-ext", "authorityKeyIdentifier"], { input: pem, encoding: "utf8" }).stdout)![1]!;
    const facts = certificateFacts(pem);
    expect(facts.ariCertId).toBe(`${Buffer.from(keyId.replaceAll(":", ""), "hex").toString("base64url")}.${Buffer.from([0x00, 0x80, 0xff]).toString("base64url")}`);
    expect(facts).toMatchObject({ serialNumber: "80FF", subjectAltNames: ["facts.example.test"], issuer: "facts.example.test" });
    expect(facts.notAfter.getTime() - facts.notBefore.getTime()).toBe(90 * 86_400_000);
    expect(defaultRenewAt(facts.notBefore, facts.notAfter)).toEqual(new Date(facts.notBefore.getTime() + 60 * 86_400_000));
  });

  it("has no ARI identifier without an Authority Key Identifier", () => {
    const pem = selfSigned("0x0102", "-addext", "authorityKeyIdentifier=none", "-addext", "subjectKeyIdentifier=none");
    expect(certificateFacts(pem).ariCertId).toBeNull();
  });
});

describe("environment", () => {
  it("defaults the ACME directory to Let's Encrypt and the limit to 10", () => {
    expect(parseEnv({})).toMatchObject({ ACME_DIRECTORY_URL: "https://acme-v02.api.letsencrypt.org/directory", DOMAINS_PER_ORGANIZATION: 10 });
  });

  it.each([
    [{ ACME_DIRECTORY_URL: "http://acme.example.com/dir" }, "ACME_DIRECTORY_URL"],
    [{ ACME_EMAIL: "not-an-email" }, "ACME_EMAIL"],
    [{ DOMAINS_DNS_RESOLVER: "dns.example.com:53" }, "DOMAINS_DNS_RESOLVER"],
    [{ DOMAINS_INGRESS_IPV4: "203.0.113.10,ingress" }, "DOMAINS_INGRESS_IPV4"],
    // Shaped like addresses but not addresses: node:dns would throw on every verification.
    [{ DOMAINS_DNS_RESOLVER: "999.1.1.1" }, "DOMAINS_DNS_RESOLVER"],
    [{ DOMAINS_DNS_RESOLVER: "127.0.0.1:99999" }, "DOMAINS_DNS_RESOLVER"],
    [{ DOMAINS_DNS_RESOLVER: "[::g]:53" }, "DOMAINS_DNS_RESOLVER"],
    [{ DOMAINS_INGRESS_IPV4: "203.0.113.300" }, "DOMAINS_INGRESS_IPV4"],
    [{ DOMAINS_INGRESS_HOSTNAME: "https://ingress.example.com" }, "DOMAINS_INGRESS_HOSTNAME"],
    [{ DOMAINS_PER_ORGANIZATION: "0" }, "DOMAINS_PER_ORGANIZATION"],
  ])("refuses %o naming %s", (source, variable) => {
    expect(() => parseEnv(source)).toThrow(new RegExp(`${variable}:`));
  });

  it("accepts resolver lists with ports", () => {
    expect(parseEnv({ DOMAINS_DNS_RESOLVER: "127.0.0.1:8053,[::1]:53,192.0.2.1" }).DOMAINS_DNS_RESOLVER).toBe("127.0.0.1:8053,[::1]:53,192.0.2.1");
  });
});

describe("HTTP-01 answers", () => {
  it("are let through by the proxy on every host, never rewritten into a portal", () => {
    for (const host of ["localhost:3000", "acme.localhost", "billing.example.com", "api.localhost"]) {
      expect(dispatch(host, "/.well-known/acme-challenge/abc_DEF-123", "localhost")).toEqual({ action: "next" });
    }
    expect(dispatch("billing.example.com", "/.well-known/security.txt", "localhost")).toEqual({ action: "rewrite", pathname: "/portal/billing.example.com/.well-known/security.txt" });
  });

  it("serves the stored key authorization on the challenge's host only, until it expires", async () => {
    const t = await createTenant();
    const [domain] = await getDb()
      .insert(customDomains)
      .values({ organizationId: t.live.id, hostname: "answers.example.test", status: "issuing", verificationToken: "x" })
      .returning();
    const token = "tok_0123456789abcdefABCDEF";
    await storeChallenge(getDb(), { token, organizationId: t.live.id, domainId: domain!.id, hostname: domain!.hostname, keyAuthorization: `${token}.thumbprint` });
    const get = (host: string, path = token) =>
      challengeRoute(new Request(`http://localhost/.well-known/acme-challenge/${path}`, { headers: { host } }), { params: Promise.resolve({ token: path }) });

    const answered = await get("answers.example.test:80");
    expect(answered.status).toBe(200);
    expect(answered.headers.get("content-type")).toBe("text/plain");
    expect(await answered.text()).toBe(`${token}.thumbprint`);
    expect((await get("other.example.test")).status).toBe(404);
    expect((await get("answers.example.test", "tok_unknown0123456789")).status).toBe(404);
    expect((await get("answers.example.test", "../etc/passwd")).status).toBe(404);
    setClock(new Date(Date.now() + 2 * 3_600_000));
    expect((await get("answers.example.test")).status).toBe(404);
  });
});
