import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { attestedHost, attestHost } from "@/lib/tenancy/host-attestation";

describe("host attestation", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("names the host it was made for", () => {
    expect(attestedHost(attestHost("acme.localhost:3000"))).toBe("acme.localhost:3000");
    expect(attestedHost(attestHost("billing.acme.com.br"))).toBe("billing.acme.com.br");
  });

  it("refuses a missing, malformed or forged stamp", () => {
    const good = attestHost("acme.localhost:3000");
    const signature = good.split(" ")[1]!;
    for (const value of [null, undefined, "", "acme.localhost:3000", ` ${signature}`, "acme.localhost:3000 ", `other.localhost:3000 ${signature}`, `${good}x`, `${good.slice(0, -2)}`, `acme.localhost:3000 ${"A".repeat(43)}`]) {
      expect(attestedHost(value), String(value)).toBeNull();
    }
    expect(attestedHost(`${"a".repeat(1200)} ${signature}`)).toBeNull();
  });

  it("is bound to the key: another APP_SECRET, or another key, does not verify it", () => {
    const stamp = attestHost("acme.localhost:3000");
    vi.stubEnv("APP_SECRET", "another-app-secret-0123456789-abcdefghijkl");
    expect(attestedHost(stamp)).toBeNull();
    expect(attestedHost(attestHost("acme.localhost:3000"))).toBe("acme.localhost:3000");
    const key = randomBytes(32);
    expect(attestedHost(attestHost("acme.localhost:3000", key), key)).toBe("acme.localhost:3000");
    expect(attestedHost(attestHost("acme.localhost:3000", key))).toBeNull();
  });
});
