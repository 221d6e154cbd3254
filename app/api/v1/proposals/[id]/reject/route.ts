// POST /api/v1/proposals/:id/reject — the customer declines the offer
import { withApi } from "@/lib/api/handler";
import { proposalOps, serializeProposal } from "@/lib/api/resources/proposals";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { rejectProposal } from "@/lib/proposals/service";

export const POST = withApi(proposalOps.reject, async ({ db, tenant, params, body }) =>
  ok(serializeProposal(await rejectProposal(db, { ...tenant, actor: `api_key:${tenant.apiKeyId}`, id: params.id }, body), tenant.mode)),
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
