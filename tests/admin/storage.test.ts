import { PNG } from "pngjs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { storedObjects } from "@/db/schema";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { saveBrandingForm } from "@/lib/admin/portal-settings-forms";
import { invalidateMerchantBrand, loadMerchantBrand } from "@/lib/email/brand";
import { brandingAssetKey, checkBrandingImage } from "@/lib/portal/branding-images";
import { getPortalSettings, updatePortalSettings } from "@/lib/portal/settings";
import { sniffImage } from "@/lib/storage/images";
import { postgresStore } from "@/lib/storage/postgres";
import { ASSET_CSP, objectResponse } from "@/lib/storage/serve";
import { StorageError } from "@/lib/storage/store";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";
import { formOf } from "../helpers/staff";

// lib/storage: limits, content types judged from the bytes, what serving sends, tenant
// isolation; and the admin's logo upload on top of it (stored with the settings or not at all).
function png(width = 8, height = 8): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(0x80);
  return PNG.sync.write(image);
}
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const ICO = Buffer.from([0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x10, 0x10]);
const SVG = Buffer.from('<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
const file = (data: Buffer, name: string, type: string) => new File([new Uint8Array(data)], name, { type });
const colours = { "branding.primary_color": "#1d4ed8", "branding.accent_color": "#0f766e" };

describe("image types, from the bytes", () => {
  it("knows PNG, JPEG, ICO and SVG; refuses anything else whatever its name", () => {
    expect(sniffImage(png())?.contentType).toBe("image/png");
    expect(sniffImage(JPEG)?.contentType).toBe("image/jpeg");
    expect(sniffImage(ICO)?.contentType).toBe("image/x-icon");
    expect(sniffImage(SVG)?.contentType).toBe("image/svg+xml");
    expect(sniffImage(Buffer.from("<html><body>hi</body></html>"))).toBeNull();
    expect(sniffImage(Buffer.from("GIF89a\x01\x00"))).toBeNull();
    expect(sniffImage(Buffer.from('<!DOCTYPE svg [<!ENTITY x "y">]><svg></svg>'))).toBeNull();
  });

  it("branding images: at most 300 kB, never empty; the logo is no icon", () => {
    expect(checkBrandingImage("logo", png())).toMatchObject({ ok: true });
    expect(checkBrandingImage("logo", Buffer.alloc(0))).toMatchObject({ ok: false });
    expect(checkBrandingImage("logo", Buffer.concat([png(), Buffer.alloc(300 * 1024)]))).toEqual({ ok: false, message: "must be at most 300 kB" });
    expect(checkBrandingImage("logo", ICO)).toEqual({ ok: false, message: "must be a PNG, JPEG or SVG image" });
    expect(checkBrandingImage("favicon", ICO)).toMatchObject({ ok: true });
  });
});

describe("the PostgreSQL object store", () => {
  it("enforces keys, size and content types", async () => {
    const { live } = await createTenant();
    const store = postgresStore(getDb());
    await expect(store.put(live.id, "../etc/passwd", { contentType: "image/png", data: png() })).rejects.toBeInstanceOf(StorageError);
    await expect(store.put(live.id, "a/b.png", { contentType: "text/html", data: Buffer.from("<p>") })).rejects.toMatchObject({ code: "unsupported_type" });
    await expect(store.put(live.id, "a/big.png", { contentType: "image/png", data: Buffer.alloc(1024 * 1024 + 1) })).rejects.toMatchObject({ code: "too_large" });
    const info = await store.put(live.id, "a/ok.png", { contentType: "image/png", data: png() });
    expect(info).toMatchObject({ key: "a/ok.png", contentType: "image/png", size: png().length });
    expect((await store.get(live.id, "a/ok.png"))?.data.equals(png())).toBe(true);
    expect(await store.delete(live.id, "a/ok.png")).toBe(true);
    expect(await store.get(live.id, "a/ok.png")).toBeNull();
  });

  it("one organization's key is never read through another's", async () => {
    const a = await createTenant();
    const b = await createTenant();
    await postgresStore(getDb()).put(a.live.id, "branding/logo-0123456789abcdef.png", { contentType: "image/png", data: png() });
    expect(await postgresStore(getDb()).get(b.live.id, "branding/logo-0123456789abcdef.png")).toBeNull();
    expect(await postgresStore(getDb()).get(a.sandbox.id, "branding/logo-0123456789abcdef.png")).toBeNull();
    expect(await postgresStore(getDb()).delete(b.live.id, "branding/logo-0123456789abcdef.png")).toBe(false);
    // A path copied from another tenant is refused by the settings (API and admin alike).
    const res = await api.patch("/api/v1/portal_settings", { branding: { logo: "/assets/branding/logo-0123456789abcdef.png" } }, { key: b.liveKey });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error).toMatchObject({ param: "branding.logo", message: expect.stringContaining("not an image uploaded for this organization") });
    expect((await api.patch("/api/v1/portal_settings", { branding: { logo: "/assets/branding/logo-0123456789abcdef.png" } }, { key: a.liveKey })).status).toBe(200);
  });

  it("serves with its type, length, a validator, nosniff and a script-free CSP; SVG as a download; 404 otherwise", async () => {
    const { live } = await createTenant();
    const store = postgresStore(getDb());
    await store.put(live.id, "branding/logo-aaaaaaaaaaaaaaaa.svg", { contentType: "image/svg+xml", data: SVG });
    const object = await store.get(live.id, "branding/logo-aaaaaaaaaaaaaaaa.svg");
    const res = objectResponse(object, new Headers(), { cacheControl: "public, max-age=31536000, immutable" });
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "image/svg+xml", "content-length": String(SVG.length), "cache-control": "public, max-age=31536000, immutable",
      etag: `"${object!.sha256}"`, "x-content-type-options": "nosniff", "content-security-policy": ASSET_CSP,
      "content-disposition": 'attachment; filename="logo-aaaaaaaaaaaaaaaa.svg"',
    });
    expect(Buffer.from(await res.arrayBuffer()).equals(SVG)).toBe(true);
    expect(objectResponse(object, new Headers({ "if-none-match": `"${object!.sha256}"` }), { cacheControl: "private" }).status).toBe(304);
    const missing = objectResponse(null, new Headers(), { cacheControl: "private" });
    expect([missing.status, missing.headers.get("cache-control")]).toEqual([404, "no-store"]);
  });
});

describe("the admin's logo upload", () => {
  it("stores the image with the settings, replaces and deletes the old one, and emails attach it", async () => {
    const { live } = await createTenant();
    const first = await saveBrandingForm(getDb(), live.id, formOf({ ...colours, logo_file: file(png(8, 8), "logo.png", "image/png") }), IDLE_FORM);
    expect(first, JSON.stringify(first)).toMatchObject({ status: "success" });
    const logo1 = (await getPortalSettings(getDb(), live.id)).branding.logo!;
    expect(logo1).toMatch(/^\/assets\/branding\/logo-[0-9a-f]{16}\.png$/);
    invalidateMerchantBrand(live.id);
    expect((await loadMerchantBrand(getDb(), live.id)).logo?.content.equals(png(8, 8))).toBe(true);

    await saveBrandingForm(getDb(), live.id, formOf({ ...colours, logo_file: file(png(16, 16), "other.png", "image/png") }), IDLE_FORM);
    const logo2 = (await getPortalSettings(getDb(), live.id)).branding.logo!;
    expect(logo2).not.toBe(logo1);
    const keys = (await getDb().select({ key: storedObjects.key }).from(storedObjects).where(eq(storedObjects.organizationId, live.id))).map((r) => r.key);
    expect(keys).toEqual([brandingAssetKey(logo2)]);

    await saveBrandingForm(getDb(), live.id, formOf({ ...colours, remove_logo: "on" }), IDLE_FORM);
    expect((await getPortalSettings(getDb(), live.id)).branding.logo).toBeNull();
    expect(await getDb().select().from(storedObjects).where(eq(storedObjects.organizationId, live.id))).toEqual([]);
  });

  it("writes nothing when anything is refused: a bad colour, a file that is not an image", async () => {
    const { live } = await createTenant();
    const badColour = await saveBrandingForm(getDb(), live.id, formOf({ ...colours, "branding.primary_color": "#ffff00", logo_file: file(png(), "logo.png", "image/png") }), IDLE_FORM);
    expect(badColour).toMatchObject({ status: "error", fields: { "branding.primary_color": expect.stringContaining("4.5:1") } });
    const notImage = await saveBrandingForm(getDb(), live.id, formOf({ ...colours, logo_file: file(Buffer.from("<html>"), "logo.png", "image/png") }), IDLE_FORM);
    expect(notImage).toMatchObject({ status: "error", fields: { "branding.logo": "must be a PNG, JPEG or SVG image" } });
    expect(await getDb().select().from(storedObjects).where(eq(storedObjects.organizationId, live.id))).toEqual([]);
    expect((await getPortalSettings(getDb(), live.id)).branding).toMatchObject({ logo: null, primary_color: "#4f46e5" });
    // The API's inline logos still work as before.
    await updatePortalSettings(getDb(), live.id, { branding: { logo: `data:image/png;base64,${png().toString("base64")}` } });
    expect((await getPortalSettings(getDb(), live.id)).branding.logo).toMatch(/^data:image\/png;base64,/);
  });
});
