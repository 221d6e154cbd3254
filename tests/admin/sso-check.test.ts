import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { testSsoForm } from "@/lib/admin/sso-forms";
import { checkPortalSso } from "@/lib/portal-auth/sso-check";
import { updatePortalSso } from "@/lib/portal/sso-settings";
import { createTenant } from "../helpers/factories";
import { startTestIdp, type TestIdp } from "../helpers/oidc-idp";

// The admin's "test SSO" against real things: an OpenID Connect provider (oidc-provider) whose
// discovery document is read, a JWKS served over HTTP, and the HS256 secret through the
// portal's own verifier. Failures come back as sentences, never as exceptions.
let idp: TestIdp;
let jwks: Server;
let jwksUrl: string;

beforeAll(async () => {
  idp = await startTestIdp({ clientId: "ciclo", clientSecret: "idp-secret", redirectUris: ["http://127.0.0.1/sso/oidc/callback"], interactions: "programmatic" });
  const { publicKey } = await generateKeyPair("RS256");
  const body = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: "platform-1", alg: "RS256", use: "sig" }] });
  jwks = createServer((req, res) => {
    if (req.url === "/jwks.json") res.writeHead(200, { "content-type": "application/json" }).end(body);
    else res.writeHead(404).end("{}");
  });
  await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await idp.close();
  await new Promise<void>((resolve) => jwks.close(() => resolve()));
});

describe("test SSO", () => {
  it("OIDC: reads the issuer's discovery document, or says why not", async () => {
    const { live } = await createTenant();
    expect(await checkPortalSso(getDb(), live.id, "oidc")).toMatchObject({ ok: false, message: expect.stringContaining("not configured") });
    await updatePortalSso(getDb(), live.id, { oidc: { issuer: idp.issuer, client_id: "ciclo", client_secret: "idp-secret" } });
    const ok = await testSsoForm(getDb(), live.id, "oidc", IDLE_FORM);
    expect(ok).toMatchObject({ status: "success", message: expect.stringContaining(idp.issuer) });
    expect(ok.details).toEqual(expect.arrayContaining([expect.stringMatching(/^Authorization: http:\/\/127\.0\.0\.1/), expect.stringMatching(/^Keys: /)]));

    await updatePortalSso(getDb(), live.id, { oidc: { issuer: `${jwksUrl}/not-an-issuer`, client_id: "ciclo" } });
    expect(await testSsoForm(getDb(), live.id, "oidc", IDLE_FORM)).toMatchObject({ status: "error", message: expect.stringContaining("could not be read") });
  });

  it("RS256: fetches the JWKS and finds a usable key; a wrong URL fails", async () => {
    const { live } = await createTenant();
    await updatePortalSso(getDb(), live.id, { jwt: { algorithm: "RS256", jwks_url: `${jwksUrl}/jwks.json` } });
    expect(await checkPortalSso(getDb(), live.id, "jwt")).toMatchObject({ ok: true, details: ["Key id: platform-1"] });
    await updatePortalSso(getDb(), live.id, { jwt: { algorithm: "RS256", jwks_url: `${jwksUrl}/missing.json` } });
    expect(await checkPortalSso(getDb(), live.id, "jwt")).toMatchObject({ ok: false, message: "The JWKS URL answered HTTP 404." });
  });

  it("HS256: a sample token signed with the stored secret passes the portal's verification (with the issuer)", async () => {
    const { live, slug } = await createTenant();
    await updatePortalSso(getDb(), live.id, { jwt: { algorithm: "HS256", secret: "x".repeat(40), issuer: "https://platform.example" } });
    const check = await checkPortalSso(getDb(), live.id, "jwt");
    expect(check).toMatchObject({ ok: true, details: [`Audience: ${slug}.localhost`, "Issuer: https://platform.example"] });
  });
});
