import { describe, expect, it } from "vitest";
import { signPayload, verifySignature } from "@/lib/webhooks/signature";

describe("Ciclo-Signature", () => {
  const secret = "whsec_test";
  const body = '{"id":"evt_1","type":"billing_account.created"}';
  const t = 1_790_000_000;

  it("is t=<unix>,v1=<hex HMAC-SHA256 of 't.body'>, and verifies", () => {
    const header = signPayload(secret, body, t);
    expect(header).toMatch(/^t=1790000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(header, body, secret, { now: t + 10 })).toBe(true);
  });

  it("rejects a changed body, another secret, a stale or future timestamp, garbage", () => {
    const header = signPayload(secret, body, t);
    expect(verifySignature(header, body.replace("created", "updated"), secret, { now: t })).toBe(false);
    expect(verifySignature(header, body, "whsec_other", { now: t })).toBe(false);
    expect(verifySignature(header, body, secret, { now: t + 301 })).toBe(false);
    expect(verifySignature(header, body, secret, { now: t - 301 })).toBe(false);
    expect(verifySignature(header.replace(/v1=./, "v1=0"), body, secret, { now: t })).toBe(false);
    for (const bad of [null, "", "t=abc,v1=00", "v1=00", `t=${t}`]) expect(verifySignature(bad, body, secret, { now: t })).toBe(false);
  });
});
