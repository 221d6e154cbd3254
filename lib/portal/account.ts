import type { PortalRole } from "@/db/schema";
import { notFound } from "@/lib/api/errors";
import type { Locale } from "@/lib/i18n/locale";

// Who the portal works for: one billing account of one organization. Every portal loader takes
// this scope and filters by both ids (a customer only ever sees their own account); an id of
// another account — of the same tenant or not — is "not found", like any missing row.
export type PortalAccountScope = { organizationId: string; mode: "live" | "test"; billingAccountId: string };
/** Rows per page of the portal's lists. */
export const PORTAL_PAGE_SIZE = 20;

/**
 * The signed-in portal user acting on their account: the one actor type of every portal section
 * (their role decides what they may do, their locale how refusals are worded). The portal's
 * viewer (requirePortalViewer) is one as it is; tests build one by hand.
 */
export type PortalActor = {
  tenant: { id: string; mode: "live" | "test" };
  user: { id: string; billingAccountId: string; role: PortalRole };
  locale: Locale;
};

/** The account every query of a portal section is scoped to: this tenant (and mode), this billing account. */
export function accountScope(actor: Pick<PortalActor, "tenant" | "user">): PortalAccountScope {
  return { organizationId: actor.tenant.id, mode: actor.tenant.mode, billingAccountId: actor.user.billingAccountId };
}

/** Is this a UUID? Ids from a URL or a form are checked before any query (anything else is "not found"). */
export { isUuid } from "@/lib/uuid";

/** Throws the API's 404 unless the row belongs to the scope's billing account. */
export function assertOwnAccount<T extends { billingAccountId: string }>(scope: PortalAccountScope, row: T, what: string, id: string): T {
  if (row.billingAccountId !== scope.billingAccountId) throw notFound(what, id);
  return row;
}
