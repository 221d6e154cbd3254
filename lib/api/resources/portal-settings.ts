import { z } from "zod";
import { PORTAL_SECTIONS, portalRoles, type PortalSettings } from "@/db/schema";
import { updatePortalSettingsInput } from "@/lib/portal/settings";
import { defineOperation } from "../operation";

// The customer portal's settings as the API shows them (secrets never shown).
export const portalSettingsObject = z
  .object({
    object: z.literal("portal_settings"),
    branding: z.object({
      name: z.string().nullable(), logo: z.string().nullable(), favicon: z.string().nullable(),
      primary_color: z.string(), accent_color: z.string(), support_email: z.string().nullable(),
      support_url: z.string().nullable(), support_phone: z.string().nullable(), footer_legal_text: z.string().nullable(),
    }),
    features: z.object(Object.fromEntries(PORTAL_SECTIONS.map((s) => [s, z.boolean()]))).meta({ description: "Which sections the portal shows (Overview is always on)" }),
    auth_methods: z.object({ magic_link: z.boolean(), password: z.boolean(), sso_jwt: z.boolean(), oidc: z.boolean() }),
    password_policy: z.object({ min_length: z.number().int(), max_length: z.number().int(), block_common: z.boolean() }),
    lockout_threshold: z.number().int(),
    lockout_minutes: z.number().int(),
    totp_required_roles: z.array(z.enum(portalRoles)),
    allowed_return_origins: z.array(z.string()),
    default_locale: z.enum(["pt-BR", "en"]),
    session_idle_minutes: z.number().int(),
    session_absolute_hours: z.number().int(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "PortalSettings" });

export function serializePortalSettings(s: PortalSettings): z.output<typeof portalSettingsObject> {
  return {
    object: "portal_settings", branding: s.branding, features: s.features, auth_methods: s.authMethods, password_policy: s.passwordPolicy,
    lockout_threshold: s.lockoutThreshold, lockout_minutes: s.lockoutMinutes, totp_required_roles: s.totpRequiredRoles as z.output<typeof portalSettingsObject>["totp_required_roles"],
    allowed_return_origins: s.allowedReturnOrigins, default_locale: s.defaultLocale, session_idle_minutes: s.sessionIdleMinutes,
    session_absolute_hours: s.sessionAbsoluteHours, updated_at: s.updatedAt.toISOString(),
  };
}

const tag = "portal";
export const portalSettingsOps = {
  retrieve: defineOperation({ operationId: "retrievePortalSettings", method: "GET", path: "/portal_settings", tag, summary: "Retrieve the customer portal's settings", scope: "portal:read", response: portalSettingsObject }),
  update: defineOperation({
    operationId: "updatePortalSettings", method: "PATCH", path: "/portal_settings", tag, summary: "Update the customer portal's settings",
    description: "Nested objects are merged field by field. Colours must contrast at least 4.5:1 with white (WCAG AA). The portal applies changes at once on this node and within 5 seconds on the others.",
    scope: "portal:write", body: updatePortalSettingsInput, response: portalSettingsObject,
  }),
};
