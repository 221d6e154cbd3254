import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import type { PortalSettings } from "@/db/schema";
import { resolveLocale, type Locale } from "@/lib/i18n/locale";
import { GATE_PATHS, gateState, safeNextPath, type GateState } from "@/lib/portal-auth/gate";
import { findPortalSession, touchPortalSession, type PortalSessionView, type PortalUserView } from "@/lib/portal-auth/sessions";
import { getPortalSettings } from "@/lib/portal/settings";
import type { Tenant } from "@/lib/tenancy/resolve";
import { readSessionToken } from "./session-cookie";
import { requirePortalTenant } from "./tenant";

// The signed-in portal customer, for server components and server actions of a portal host.
//
//   const { tenant, settings, user, session, locale } = await requirePortalViewer(params, { next: "/invoices" });
//
// Signed out -> /sign-in?next=<options.next or "/">; a second factor pending -> /two-factor;
// must reset the password -> /reset-password (unless `allow` lists that state: the pages that
// resolve it). `user.billingAccountId` is the account whose data the viewer may see;
// `user.role` goes to lib/portal/permissions.ts `can()`. Never holds hashes or secrets.
export type PortalViewer = {
  tenant: Tenant;
  settings: PortalSettings;
  user: PortalUserView;
  session: PortalSessionView;
  locale: Locale;
  /** "ok" unless `allow` let a pending state through. */
  gate: GateState;
};

/** Tenant, settings and locale for pages shown to signed-out visitors (sign-in and friends). */
export type PortalVisitor = { tenant: Tenant; settings: PortalSettings; locale: Locale };

export type ViewerOptions = {
  /** The portal path to come back to after signing in (default "/"). */
  next?: string;
  /** Pending states this caller handles itself instead of redirecting. */
  allow?: ReadonlyArray<Exclude<GateState, "ok">>;
};

// Once per request: the layout and the page share the lookup (and the idle-timeout bump).
const loadViewer = cache(async (host: string, tenant: Tenant) => {
  const db = getDb();
  const settings = await getPortalSettings(db, tenant.id);
  const acceptLanguage = (await headers()).get("accept-language");
  const found = await findPortalSession(db, { organizationId: tenant.id, token: await readSessionToken() });
  const locale = resolveLocale({ preference: found?.user.locale, acceptLanguage, tenantDefault: settings.defaultLocale });
  if (!found) return { host, settings, locale, found: null };
  const session = await touchPortalSession(db, found.session, settings);
  return { host, settings, locale, found: { user: found.user, session } };
});

export async function getPortalVisitor(params: Promise<{ host: string }>): Promise<PortalVisitor> {
  const tenant = await requirePortalTenant(params);
  const { settings, locale } = await loadViewer((await params).host, tenant);
  return { tenant, settings, locale };
}

type Resolution = { viewer: PortalViewer } | { redirectTo: string };

async function resolve(params: Promise<{ host: string }>, options: ViewerOptions): Promise<Resolution> {
  const tenant = await requirePortalTenant(params);
  const { settings, locale, found } = await loadViewer((await params).host, tenant);
  if (!found) return { redirectTo: `/sign-in?next=${encodeURIComponent(safeNextPath(options.next))}` };
  const gate = gateState(found.user, found.session, settings);
  if (gate !== "ok" && !(options.allow ?? []).includes(gate)) return { redirectTo: GATE_PATHS[gate] };
  return { viewer: { tenant, settings, user: found.user, session: found.session, locale, gate } };
}

/** The signed-in viewer, or a redirect to sign in / the second factor / the password reset. */
export async function requirePortalViewer(params: Promise<{ host: string }>, options: ViewerOptions = {}): Promise<PortalViewer> {
  const result = await resolve(params, options);
  if ("redirectTo" in result) redirect(result.redirectTo);
  return result.viewer;
}

/** The signed-in viewer, or null where requirePortalViewer would redirect. */
export async function getPortalViewer(params: Promise<{ host: string }>, options: ViewerOptions = {}): Promise<PortalViewer | null> {
  const result = await resolve(params, options);
  return "redirectTo" in result ? null : result.viewer;
}
