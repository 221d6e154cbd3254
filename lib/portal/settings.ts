import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { PORTAL_SECTIONS, portalRoles, portalSettings, type PortalSection, type PortalSettings } from "@/db/schema";
import { invalid } from "@/lib/api/errors";
import { text } from "@/lib/api/fields";
import { invalidateMerchantBrand } from "@/lib/email/brand";
import { isBrandingAssetPath, reconcileBrandingImages } from "./branding-images";
import { contrastRatio, readableOnWhite } from "./contrast";

// Portal settings per organization: branding, sections, auth methods, password and lockout
// policy, 2FA roles, return_url origins, locale, sessions. A missing row means the defaults.
export const DEFAULT_FEATURES = Object.fromEntries(PORTAL_SECTIONS.map((s) => [s, true])) as Record<PortalSection, boolean>;

export function defaultPortalSettings(organizationId: string): PortalSettings {
  return {
    organizationId,
    branding: {
      name: null, logo: null, favicon: null, primary_color: "#4f46e5", accent_color: "#0f766e",
      support_email: null, support_url: null, support_phone: null, footer_legal_text: null,
    },
    features: { ...DEFAULT_FEATURES },
    authMethods: { magic_link: true, password: true, sso_jwt: false, oidc: false },
    passwordPolicy: { min_length: 12, max_length: 128, block_common: true },
    lockoutThreshold: 5,
    lockoutMinutes: 15,
    totpRequiredRoles: [],
    allowedReturnOrigins: [],
    defaultLocale: "pt-BR",
    sso: { jwt: null, oidc: null },
    sessionIdleMinutes: 30,
    sessionAbsoluteHours: 12,
    updatedAt: new Date(0),
  };
}

// --- a short-lived per-process cache, dropped at once by updates made in this process ---
// Kept on globalThis: Next bundles route handlers and pages separately, and both must see one
// cache for the API's update to reach the pages at once.
const TTL_MS = 5_000;
const holder = globalThis as unknown as { __cicloPortalSettings?: Map<string, { at: number; value: PortalSettings }> };
const cache = (holder.__cicloPortalSettings ??= new Map());

export async function getPortalSettings(db: DbOrTx, organizationId: string): Promise<PortalSettings> {
  const hit = cache.get(organizationId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const [row] = await db.select().from(portalSettings).where(eq(portalSettings.organizationId, organizationId));
  const value = row ?? defaultPortalSettings(organizationId);
  cache.set(organizationId, { at: Date.now(), value });
  return value;
}

export function invalidatePortalSettings(organizationId: string): void {
  cache.delete(organizationId);
}

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a hex colour such as #4f46e5").transform((v) => v.toLowerCase());
// Inline (a base64 data: URL) or uploaded in the admin (its path, lib/portal/branding-images.ts).
const INLINE_IMAGE = /^data:image\/(png|jpeg|svg\+xml|x-icon|vnd\.microsoft\.icon);base64,[A-Za-z0-9+/=]+$/;
const imageDataUrl = z
  .string()
  .max(400_000, "must be at most 300 kB")
  .refine((v) => INLINE_IMAGE.test(v) || isBrandingAssetPath(v), "must be a base64 data: URL of a PNG, JPEG, SVG or ICO image, or the path of an uploaded image (/assets/branding/…)");
const origin = z.url({ protocol: /^https?$/ }).refine((u) => new URL(u).origin === u.replace(/\/$/, ""), "must be an origin (scheme://host[:port]) without a path");

export const updatePortalSettingsInput = z
  .strictObject({
    branding: z
      .strictObject({
        name: text(80).nullable(),
        logo: imageDataUrl.nullable(),
        favicon: imageDataUrl.nullable(),
        primary_color: hex.refine(readableOnWhite, "must contrast at least 4.5:1 with white (WCAG AA) — choose a darker colour"),
        accent_color: hex.refine(readableOnWhite, "must contrast at least 4.5:1 with white (WCAG AA) — choose a darker colour"),
        support_email: z.email("must be a valid email address").nullable(),
        support_url: z.url({ protocol: /^https?$/ }).max(500).nullable(),
        support_phone: z.string().trim().regex(/^\+?[0-9 ().-]{8,24}$/, "must be a phone number").nullable(),
        footer_legal_text: text(1000).nullable(),
      })
      .partial(),
    features: z.strictObject(Object.fromEntries(PORTAL_SECTIONS.map((s) => [s, z.boolean()])) as Record<PortalSection, z.ZodBoolean>).partial(),
    auth_methods: z.strictObject({ magic_link: z.boolean(), password: z.boolean(), sso_jwt: z.boolean(), oidc: z.boolean() }).partial(),
    password_policy: z.strictObject({ min_length: z.number().int().min(8).max(64), max_length: z.number().int().min(64).max(1024), block_common: z.boolean() }).partial(),
    lockout_threshold: z.number().int().min(1).max(100),
    lockout_minutes: z.number().int().min(1).max(10_080),
    totp_required_roles: z.array(z.enum(portalRoles)).max(4),
    allowed_return_origins: z.array(origin).max(20),
    default_locale: z.enum(["pt-BR", "en"]),
    session_idle_minutes: z.number().int().min(5).max(1440),
    session_absolute_hours: z.number().int().min(1).max(720),
  })
  .partial();

export type UpdatePortalSettingsInput = z.output<typeof updatePortalSettingsInput>;

/** Merges the change into the current settings (nested objects field by field) and saves them. */
export async function updatePortalSettings(db: DbOrTx, organizationId: string, input: UpdatePortalSettingsInput): Promise<PortalSettings> {
  const current = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(portalSettings).where(eq(portalSettings.organizationId, organizationId)).for("update");
    const base = row ?? defaultPortalSettings(organizationId);
    // SSO methods need their configuration first (PATCH /portal_settings/sso, lib/portal/sso-settings.ts).
    if (input.auth_methods?.sso_jwt && !base.sso.jwt) throw invalid("auth_methods.sso_jwt", "configure it first with PATCH /api/v1/portal_settings/sso");
    if (input.auth_methods?.oidc && !base.sso.oidc) throw invalid("auth_methods.oidc", "configure it first with PATCH /api/v1/portal_settings/sso");
    const branding = { ...base.branding, ...input.branding };
    await reconcileBrandingImages(tx, organizationId, base.branding, branding);
    const next = {
      branding,
      features: { ...base.features, ...input.features },
      authMethods: { ...base.authMethods, ...input.auth_methods },
      passwordPolicy: { ...base.passwordPolicy, ...input.password_policy },
      lockoutThreshold: input.lockout_threshold ?? base.lockoutThreshold,
      lockoutMinutes: input.lockout_minutes ?? base.lockoutMinutes,
      totpRequiredRoles: input.totp_required_roles ?? base.totpRequiredRoles,
      allowedReturnOrigins: (input.allowed_return_origins ?? base.allowedReturnOrigins).map((o) => o.replace(/\/$/, "")),
      defaultLocale: input.default_locale ?? base.defaultLocale,
      sessionIdleMinutes: input.session_idle_minutes ?? base.sessionIdleMinutes,
      sessionAbsoluteHours: input.session_absolute_hours ?? base.sessionAbsoluteHours,
      sso: base.sso,
      updatedAt: sql`clock_timestamp()` as unknown as Date,
    };
    const [saved] = await tx
      .insert(portalSettings)
      .values({ organizationId, ...next })
      .onConflictDoUpdate({ target: portalSettings.organizationId, set: next })
      .returning();
    return saved!;
  });
  invalidatePortalSettings(organizationId);
  invalidateMerchantBrand(organizationId);
  return current;
}

export { contrastRatio };
