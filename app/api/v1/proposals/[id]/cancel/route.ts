// POST /api/v1/proposals/:id/cancel — the merchant withdraws the offer
import { withApi } from "@/lib/api/handler";
import { proposalOps, serializeProposal } from "@/lib/api/resources/proposals";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { cancelProposal } from "@/lib/proposals/service";

export const POST = withApi(proposalOps.cancel, async ({ db, tenant, params }) =>
  ok(serializeProposal(await cancelProposal(db, { ...tenant, actor: `api_key:${tenant.apiKeyId}`, id: params.id }), tenant.mode)),
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
