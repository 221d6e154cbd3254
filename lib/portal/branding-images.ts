import { createHash } from "node:crypto";
import type { DbOrTx } from "@/db";
import type { PortalBranding } from "@/db/schema";
import { invalid } from "@/lib/api/errors";
import { sniffImage, type ImageKind } from "@/lib/storage/images";
import { postgresStore } from "@/lib/storage/postgres";

// The portal's logo and favicon. The API still accepts them inline (a data: URL); uploaded in
// the admin they are kept in lib/storage under a content-addressed key and the settings hold
// their path on the portal host, `/assets/branding/<kind>-<hash>.<ext>`, which the portal
// serves (app/(portal)/portal/[host]/assets) with a long cache: new bytes, new path.
export type BrandingImageField = "logo" | "favicon";

export const BRANDING_IMAGE_MAX_BYTES = 300 * 1024;
export const ASSET_PATH_PREFIX = "/assets/";

const ASSET_PATH = /^\/assets\/(branding\/(?:logo|favicon)-[0-9a-f]{16}\.(?:png|jpg|svg|ico))$/;
const DATA_URL = /^data:(image\/(?:png|jpeg|svg\+xml|x-icon|vnd\.microsoft\.icon));base64,([A-Za-z0-9+/=]+)$/;

export const isBrandingAssetPath = (value: string) => ASSET_PATH.test(value);

/** The storage key behind an uploaded image's path; null for data: URLs and anything else. */
export function brandingAssetKey(value: string | null | undefined): string | null {
  return value ? (ASSET_PATH.exec(value)?.[1] ?? null) : null;
}

const ACCEPTED: Record<BrandingImageField, ReadonlyArray<ImageKind["contentType"]>> = {
  logo: ["image/png", "image/jpeg", "image/svg+xml"],
  favicon: ["image/png", "image/jpeg", "image/svg+xml", "image/x-icon"],
};

export type ImageCheck = { ok: true; kind: ImageKind } | { ok: false; message: string };

/** Size and type of an upload, judged from its bytes. */
export function checkBrandingImage(field: BrandingImageField, data: Buffer): ImageCheck {
  if (data.length === 0) return { ok: false, message: "is empty: choose an image file" };
  if (data.length > BRANDING_IMAGE_MAX_BYTES) return { ok: false, message: "must be at most 300 kB" };
  const kind = sniffImage(data);
  const accepted = ACCEPTED[field];
  if (!kind || !accepted.includes(kind.contentType)) {
    return { ok: false, message: field === "logo" ? "must be a PNG, JPEG or SVG image" : "must be a PNG, JPEG, SVG or ICO image" };
  }
  return { ok: true, kind };
}

export type PreparedImage = { field: BrandingImageField; key: string; path: string; contentType: ImageKind["contentType"]; data: Buffer };

/** A checked upload with its content-addressed key and the path the settings will keep (nothing stored yet). */
export function prepareBrandingImage(field: BrandingImageField, data: Buffer): { ok: true; image: PreparedImage } | { ok: false; message: string } {
  const check = checkBrandingImage(field, data);
  if (!check.ok) return check;
  const hash = createHash("sha256").update(data).digest("hex").slice(0, 16);
  const key = `branding/${field}-${hash}.${check.kind.extension}`;
  return { ok: true, image: { field, key, path: `${ASSET_PATH_PREFIX}${key}`, contentType: check.kind.contentType, data } };
}

/** Stores a prepared upload (in the caller's transaction, before the settings that point at it). */
export async function storeBrandingImage(db: DbOrTx, organizationId: string, image: PreparedImage): Promise<void> {
  await postgresStore(db).put(organizationId, image.key, { contentType: image.contentType, data: image.data });
}

/**
 * Inside the settings' transaction: a path must name an image stored for this organization (a
 * path copied from another tenant is refused), and images no longer referenced are deleted.
 */
export async function reconcileBrandingImages(db: DbOrTx, organizationId: string, before: PortalBranding, after: PortalBranding): Promise<void> {
  const store = postgresStore(db);
  for (const field of ["logo", "favicon"] as const) {
    const key = brandingAssetKey(after[field]);
    if (key && key !== brandingAssetKey(before[field]) && !(await store.get(organizationId, key))) {
      throw invalid(`branding.${field}`, "is not an image uploaded for this organization");
    }
  }
  const kept = new Set([brandingAssetKey(after.logo), brandingAssetKey(after.favicon)]);
  for (const field of ["logo", "favicon"] as const) {
    const old = brandingAssetKey(before[field]);
    if (old && !kept.has(old)) await store.delete(organizationId, old);
  }
}

/** The bytes of the logo or favicon, inline or stored (emails attach the logo). */
export async function loadBrandingImage(db: DbOrTx, organizationId: string, value: string | null): Promise<{ contentType: string; content: Buffer } | null> {
  if (!value) return null;
  const inline = DATA_URL.exec(value);
  if (inline) return { contentType: inline[1]!, content: Buffer.from(inline[2]!, "base64") };
  const key = brandingAssetKey(value);
  const stored = key ? await postgresStore(db).get(organizationId, key) : null;
  return stored ? { contentType: stored.contentType, content: stored.data } : null;
}
