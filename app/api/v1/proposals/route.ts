// POST /api/v1/proposals — offer a subscription to a billing account; GET — list proposals
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { proposalOps, serializeProposal } from "@/lib/api/resources/proposals";
import { created, ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { createProposal, listProposals } from "@/lib/proposals/service";

export const POST = withApi(proposalOps.create, async ({ db, tenant, body }) =>
  created(serializeProposal(await createProposal(db, { ...tenant, actor: `api_key:${tenant.apiKeyId}` }, body), tenant.mode)),
);

export const GET = withApi(proposalOps.list, async ({ db, tenant, query }) =>
  ok(page(await listProposals(db, tenant, query), query.limit, (row) => serializeProposal(row, tenant.mode))),
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
