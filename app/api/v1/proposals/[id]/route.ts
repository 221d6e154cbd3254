// GET/PATCH /api/v1/proposals/:id — a proposal; change an open one's message, valid_until, metadata
import { withApi } from "@/lib/api/handler";
import { proposalOps, serializeProposal } from "@/lib/api/resources/proposals";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { now } from "@/lib/clock";
import { getProposalOrThrow, updateProposal } from "@/lib/proposals/service";
import { proposalLastModified } from "@/lib/proposals/status";

export const GET = withApi(proposalOps.retrieve, async ({ db, tenant, params }) => {
  const proposal = await getProposalOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  const at = now();
  return ok(serializeProposal(proposal, tenant.mode, at), proposalLastModified(proposal, at));
});

export const PATCH = withApi(proposalOps.update, async ({ db, tenant, params, body }) =>
  ok(serializeProposal(await updateProposal(db, { ...tenant, actor: `api_key:${tenant.apiKeyId}`, id: params.id }, body), tenant.mode)),
);

export const { POST, PUT, DELETE } = methodsNotAllowed("GET", "PATCH");
