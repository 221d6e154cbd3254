// GET /api/v1/subscriptions/:id/usage — metered usage this period, billed amount and projection
import { withApi } from "@/lib/api/handler";
import { usageOps } from "@/lib/api/resources/usage";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { usageSummary } from "@/lib/usage/summary";

export const GET = withApi(usageOps.summary, async ({ db, tenant, params }) => {
  const s = await usageSummary(db, { organizationId: tenant.organizationId, subscriptionId: params.id });
  return ok({
    object: "usage_summary",
    subscription_id: s.subscription.id,
    period_start: s.periodStart.toISOString(),
    period_end: s.periodEnd.toISOString(),
    as_of: s.asOf.toISOString(),
    items: s.items,
  });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
