// POST /api/v1/billing_accounts — create a billing account; GET — list them
import { withApi } from "@/lib/api/handler";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { page } from "@/lib/api/pagination";
import { billingAccountOps, serializeBillingAccount } from "@/lib/api/resources/billing-accounts";
import { created, ok } from "@/lib/api/response";
import { createBillingAccount, listBillingAccounts } from "@/lib/billing-accounts/service";

export const POST = withApi(billingAccountOps.create, async ({ db, tenant, body }) => {
  const account = await createBillingAccount(db, tenant, body);
  return created(serializeBillingAccount(account, tenant.mode));
});

export const GET = withApi(billingAccountOps.list, async ({ db, tenant, query }) => {
  const rows = await listBillingAccounts(db, tenant, query);
  return ok(page(rows, query.limit, (row) => serializeBillingAccount(row, tenant.mode)));
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
