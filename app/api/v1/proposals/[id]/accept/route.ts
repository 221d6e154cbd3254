// POST /api/v1/proposals/:id/accept — the customer accepts: creates the subscription, exactly once
import { requireScope } from "@/lib/api/authenticate";
import { withApi } from "@/lib/api/handler";
import { proposalOps, serializeProposal } from "@/lib/api/resources/proposals";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { acceptProposal } from "@/lib/proposals/accept";

export const POST = withApi(proposalOps.accept, async ({ db, tenant, params }) => {
  requireScope(tenant, "subscriptions:write"); // accepting creates a subscription
  const { proposal } = await acceptProposal(db, { ...tenant, actor: `api_key:${tenant.apiKeyId}`, id: params.id });
  return ok(serializeProposal(proposal, tenant.mode));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
