import { notFound } from "next/navigation";
import type { PortalSettings } from "@/db/schema";
import { accountScope, type PortalAccountScope } from "@/lib/portal/account";
import { isSectionEnabled, type NavSection } from "@/lib/portal/sections";
import { getPortalVisitor, requirePortalViewer, type PortalViewer, type ViewerOptions } from "../viewer";

// Every signed-in portal page starts here: a disabled section is a 404 (for everyone, signed in
// or not), then the viewer (signing in first when needed, coming back to `next`) — the actor of
// the section's actions as it is — and the billing account its queries are scoped to.

/** 404 unless the merchant has the section on. */
export function requireSection(viewer: { settings: Pick<PortalSettings, "features"> }, section: NavSection): void {
  if (!isSectionEnabled(viewer.settings, section)) notFound();
}

export async function requireSectionViewer(
  params: Promise<{ host: string }>,
  section: NavSection,
  options: ViewerOptions = {},
): Promise<{ viewer: PortalViewer; scope: PortalAccountScope }> {
  requireSection(await getPortalVisitor(params), section);
  const viewer = await requirePortalViewer(params, options);
  requireSection(viewer, section);
  return { viewer, scope: accountScope(viewer) };
}

/**
 * The viewer of a section's server action: the host is bound by the page (and checked again like
 * any input), the viewer comes from the request's session, and the section must be on.
 */
export async function requireSectionActor(host: unknown, section: NavSection): Promise<PortalViewer> {
  if (typeof host !== "string") throw new Error("portal action without a host");
  const viewer = await requirePortalViewer(Promise.resolve({ host }));
  requireSection(viewer, section);
  return viewer;
}

/** A query string value, once (Next gives string | string[] | undefined). */
export const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
