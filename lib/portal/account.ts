import type { PortalRole } from "@/db/schema";
import { notFound } from "@/lib/api/errors";

// Who the portal works for: one billing account of one organization. Every portal loader takes
// this scope and filters by both ids (a customer only ever sees their own account); an id of
// another account — of the same tenant or not — is "not found", like any missing row.
export type PortalAccountScope = { organizationId: string; mode: "live" | "test"; billingAccountId: string };
/** Rows per page of the portal's lists. */
export const PORTAL_PAGE_SIZE = 20;

/** The signed-in portal user acting on their account: their role decides what they may do. */
export type PortalAccountActor = PortalAccountScope & { portalUserId: string; role: PortalRole };

type ViewerLike = {
  tenant: { id: string; mode: "live" | "test" };
  user: { id: string; billingAccountId: string; role: PortalRole };
};

/** The scope and actor of a signed-in viewer (app/(portal)/portal/[host]/viewer.ts). */
export function actorOf(viewer: ViewerLike): PortalAccountActor {
  return {
    organizationId: viewer.tenant.id,
    mode: viewer.tenant.mode,
    billingAccountId: viewer.user.billingAccountId,
    portalUserId: viewer.user.id,
    role: viewer.user.role,
  };
}

/** Throws the API's 404 unless the row belongs to the scope's billing account. */
export function assertOwnAccount<T extends { billingAccountId: string }>(scope: PortalAccountScope, row: T, what: string, id: string): T {
  if (row.billingAccountId !== scope.billingAccountId) throw notFound(what, id);
  return row;
}
