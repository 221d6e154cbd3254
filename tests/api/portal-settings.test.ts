import { describe, expect, it } from "vitest";
import { contrastRatio } from "@/lib/portal/contrast";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";

describe("portal settings", () => {
  it("starts from sensible defaults and merges changes field by field", async () => {
    const t = await createTenant();
    const initial = (await api.get("/api/v1/portal_settings", { key: t.liveKey })).body;
    expect(initial).toMatchObject({ object: "portal_settings", default_locale: "pt-BR", lockout_threshold: 5, auth_methods: { magic_link: true, password: true, sso_jwt: false, oidc: false }, password_policy: { min_length: 12 } });
    expect(Object.values(initial.features).every(Boolean)).toBe(true);
    const res = await api.patch("/api/v1/portal_settings", {
      branding: { name: "Acme CRM", primary_color: "#0F766E" }, features: { products: false }, totp_required_roles: ["owner", "admin"],
      allowed_return_origins: ["https://app.acme.example/"],
    }, { key: t.liveKey });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.branding).toMatchObject({ name: "Acme CRM", primary_color: "#0f766e", accent_color: initial.branding.accent_color });
    expect(res.body.features).toMatchObject({ products: false, invoices: true });
    expect(res.body.allowed_return_origins).toEqual(["https://app.acme.example"]);
    // The sandbox has its own; another tenant sees its own defaults.
    expect((await api.get("/api/v1/portal_settings", { key: t.testKey })).body.branding.name).toBeNull();
    expect((await api.get("/api/v1/portal_settings", { key: (await createTenant()).liveKey })).body.features.products).toBe(true);
  });

  it("refuses colours white text cannot be read on, and other bad values, naming the field", async () => {
    const t = await createTenant();
    expect(contrastRatio("#ffff00", "#ffffff")).toBeLessThan(4.5);
    const bad = async (body: Record<string, unknown>, param: string) => {
      const res = await api.patch("/api/v1/portal_settings", body, { key: t.liveKey });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error.param).toBe(param);
    };
    await bad({ branding: { primary_color: "#ffff00" } }, "branding.primary_color");
    await bad({ branding: { accent_color: "red" } }, "branding.accent_color");
    await bad({ branding: { logo: "https://cdn.example/logo.png" } }, "branding.logo");
    await bad({ features: { overview: false } }, "features.overview");
    await bad({ password_policy: { min_length: 6 } }, "password_policy.min_length");
    await bad({ allowed_return_origins: ["https://app.example/path"] }, "allowed_return_origins[0]");
    await bad({ totp_required_roles: ["god"] }, "totp_required_roles[0]");
  });
});
