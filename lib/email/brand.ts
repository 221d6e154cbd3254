import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { organizations } from "@/db/schema";
import { isLocale, type Locale } from "@/lib/i18n/locale";
import { loadBrandingImage } from "@/lib/portal/branding-images";
import { getPortalSettings } from "@/lib/portal/settings";
import type { EmailBrand } from "./templates/layout";

// A merchant as its emails show it, from the portal branding (falling back to the organization's
// own name and support address), and whether it is a sandbox (test mode: its emails say so).
// Cached briefly per process: billing runs email many customers of one merchant in a row.
export const LOGO_CID = "logo@ciclo";

export type MerchantEmailBrand = {
  brand: EmailBrand;
  defaultLocale: Locale;
  /** The logo as an inline attachment: PNG or JPEG only (most mail clients do not show SVG). */
  logo: { contentType: string; content: Buffer } | null;
};

const TTL_MS = 5_000;
const cache = new Map<string, { at: number; value: MerchantEmailBrand }>();

/** The logo inline (data: URL) or uploaded in the admin (lib/storage), when it is a PNG or JPEG. */
async function logoAttachment(db: DbOrTx, organizationId: string, value: string | null): Promise<MerchantEmailBrand["logo"]> {
  const image = await loadBrandingImage(db, organizationId, value);
  return image && (image.contentType === "image/png" || image.contentType === "image/jpeg") ? image : null;
}

export async function loadMerchantBrand(db: DbOrTx, organizationId: string): Promise<MerchantEmailBrand> {
  const hit = cache.get(organizationId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const settings = await getPortalSettings(db, organizationId);
  const [org] = await db
    .select({ name: organizations.name, supportEmail: organizations.supportEmail, mode: organizations.mode })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new Error(`organization ${organizationId} not found`);
  const { branding } = settings;
  const logo = await logoAttachment(db, organizationId, branding.logo);
  const value: MerchantEmailBrand = {
    brand: {
      name: branding.name ?? org.name,
      logoCid: logo ? LOGO_CID : null,
      primaryColor: branding.primary_color,
      supportEmail: branding.support_email ?? org.supportEmail,
      footerLegalText: branding.footer_legal_text,
      testMode: org.mode === "test",
    },
    defaultLocale: isLocale(settings.defaultLocale) ? settings.defaultLocale : "pt-BR",
    logo,
  };
  cache.set(organizationId, { at: Date.now(), value });
  return value;
}

/** Forgets a merchant's cached brand (tests that change branding, settings updates). */
export function invalidateMerchantBrand(organizationId?: string): void {
  if (organizationId) cache.delete(organizationId);
  else cache.clear();
}
