// POST /api/v1/billing_accounts/:id/credits — grant a credit; GET — list the account's credits with its balance
import { withApi } from "@/lib/api/handler";
import { now } from "@/lib/clock";
import { page } from "@/lib/api/pagination";
import { creditOps, serializeBalances, serializeCredit } from "@/lib/api/resources/credits";
import { created, ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { grantCredit, listAccountCredits } from "@/lib/credits/service";

export const POST = withApi(creditOps.create, async ({ db, tenant, params, body }) => {
  const credit = await grantCredit(db, { organizationId: tenant.organizationId, mode: tenant.mode, billingAccountId: params.id }, body);
  return created(serializeCredit(credit, tenant.mode));
});

export const GET = withApi(creditOps.list, async ({ db, tenant, params, query }) => {
  const at = now();
  const { rows, balances } = await listAccountCredits(db, { organizationId: tenant.organizationId, mode: tenant.mode, billingAccountId: params.id }, query, at);
  return ok({ ...page(rows, query.limit, (row) => serializeCredit(row, tenant.mode, at)), balances: serializeBalances(balances) });
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
