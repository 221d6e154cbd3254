import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { portalSettings } from "@/db/schema";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";

// PATCH/GET /api/v1/portal_settings/sso: secrets sealed and never returned; SSO sign-in methods
// cannot be turned on without their configuration, nor the configuration removed while on.
const SECRET = "merchant-shared-secret-0123456789-abcdef";

describe("portal SSO settings", () => {
  it("starts empty and tells what to configure on the merchant's side", async () => {
    const t = await createTenant();
    const res = await api.get("/api/v1/portal_settings/sso", { key: t.liveKey });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      object: "portal_sso_settings", jwt: null, oidc: null, auth_methods: { sso_jwt: false, oidc: false },
      jwt_audience: `${t.slug}.localhost`, jwt_url: `http://${t.slug}.localhost:3000/sso/jwt`, oidc_redirect_uri: `http://${t.slug}.localhost:3000/sso/oidc/callback`,
    });
  });

  it("refuses to turn SSO methods on before they are configured, and to remove a configuration in use", async () => {
    const t = await createTenant();
    for (const method of ["sso_jwt", "oidc"]) {
      const res = await api.patch("/api/v1/portal_settings", { auth_methods: { [method]: true } }, { key: t.liveKey });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error.param).toBe(`auth_methods.${method}`);
    }
    expect((await api.patch("/api/v1/portal_settings/sso", { jwt: { algorithm: "HS256", secret: SECRET } }, { key: t.liveKey })).status).toBe(200);
    expect((await api.patch("/api/v1/portal_settings", { auth_methods: { sso_jwt: true } }, { key: t.liveKey })).status).toBe(200);
    const remove = await api.patch("/api/v1/portal_settings/sso", { jwt: null }, { key: t.liveKey });
    expect(remove.status).toBe(422);
    expect(remove.body.error.param).toBe("jwt");
    expect((await api.patch("/api/v1/portal_settings", { auth_methods: { sso_jwt: false } }, { key: t.liveKey })).status).toBe(200);
    expect((await api.patch("/api/v1/portal_settings/sso", { jwt: null }, { key: t.liveKey })).body.jwt).toBeNull();
  });

  it("seals secrets, never returns them, and keeps them when a change leaves them out", async () => {
    const t = await createTenant();
    const res = await api.patch("/api/v1/portal_settings/sso", {
      jwt: { algorithm: "HS256", secret: SECRET, issuer: "https://crm.merchant.example" },
      oidc: { issuer: "https://login.merchant.example", client_id: "ciclo-portal", client_secret: "idp-client-secret-value" },
    }, { key: t.liveKey });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.jwt).toEqual({ algorithm: "HS256", secret_set: true, jwks_url: null, issuer: "https://crm.merchant.example" });
    expect(res.body.oidc).toEqual({ issuer: "https://login.merchant.example", client_id: "ciclo-portal", client_secret_set: true });
    expect(res.text).not.toContain(SECRET);
    expect(res.text).not.toContain("idp-client-secret-value");
    const [row] = await getDb().select().from(portalSettings).where(eq(portalSettings.organizationId, t.live.id));
    expect(JSON.stringify(row!.sso)).not.toContain(SECRET);
    expect(row!.sso.jwt!.secret_sealed).toMatch(/^v1\./);
    // Changing the issuer only keeps the secret.
    const kept = await api.patch("/api/v1/portal_settings/sso", { jwt: { algorithm: "HS256", issuer: null }, oidc: { issuer: "https://login.merchant.example", client_id: "other" } }, { key: t.liveKey });
    expect(kept.body.jwt).toMatchObject({ secret_set: true, issuer: null });
    expect(kept.body.oidc).toMatchObject({ client_id: "other", client_secret_set: true });
    const [after] = await getDb().select().from(portalSettings).where(eq(portalSettings.organizationId, t.live.id));
    expect(after!.sso.jwt!.secret_sealed).toBe(row!.sso.jwt!.secret_sealed);
    // The sandbox and other tenants have their own.
    expect((await api.get("/api/v1/portal_settings/sso", { key: t.testKey })).body.jwt).toBeNull();
    expect((await api.get("/api/v1/portal_settings/sso", { key: (await createTenant()).liveKey })).body.oidc).toBeNull();
  });

  it("validates each algorithm's requirements and the endpoints, naming the field", async () => {
    const t = await createTenant();
    const bad = async (body: Record<string, unknown>, param: string) => {
      const res = await api.patch("/api/v1/portal_settings/sso", body, { key: t.liveKey });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error.param).toBe(param);
    };
    await bad({ jwt: { algorithm: "HS256" } }, "jwt.secret");
    await bad({ jwt: { algorithm: "HS256", secret: "short" } }, "jwt.secret");
    await bad({ jwt: { algorithm: "RS256" } }, "jwt.jwks_url");
    await bad({ jwt: { algorithm: "RS256", jwks_url: "http://keys.merchant.example/jwks.json" } }, "jwt.jwks_url");
    await bad({ jwt: { algorithm: "RS256", jwks_url: "https://keys.merchant.example/jwks.json", secret: SECRET } }, "jwt.secret");
    await bad({ jwt: { algorithm: "ES256", secret: SECRET } }, "jwt.algorithm");
    await bad({ oidc: { issuer: "https://login.merchant.example", client_id: "c" } }, "oidc.client_secret");
    await bad({ oidc: { issuer: "ftp://login.merchant.example", client_id: "c", client_secret: "s" } }, "oidc.issuer");
    const rs = await api.patch("/api/v1/portal_settings/sso", { jwt: { algorithm: "RS256", jwks_url: "https://keys.merchant.example/jwks.json" } }, { key: t.liveKey });
    expect(rs.body.jwt).toEqual({ algorithm: "RS256", secret_set: false, jwks_url: "https://keys.merchant.example/jwks.json", issuer: null });
  });

  it("is documented in the OpenAPI document and needs the portal scopes", async () => {
    const doc = (await api.get("/api/v1/openapi.json")).body;
    expect(doc.paths["/portal_settings/sso"].patch["x-required-scope"]).toBe("portal:write");
    expect(doc.paths["/portal_settings/sso"].get.operationId).toBe("retrievePortalSso");
    const t = await createTenant({ scopes: ["invoices:read"] });
    expect((await api.get("/api/v1/portal_settings/sso", { key: t.liveKey })).status).toBe(403);
  });
});
