// GET/PATCH/DELETE /api/v1/billing_accounts/:id — retrieve, update, delete (or archive) one account
import { withApi } from "@/lib/api/handler";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { billingAccountOps, serializeBillingAccount } from "@/lib/api/resources/billing-accounts";
import { ok } from "@/lib/api/response";
import { deleteBillingAccount, getBillingAccountOrThrow, updateBillingAccount } from "@/lib/billing-accounts/service";

export const GET = withApi(billingAccountOps.retrieve, async ({ db, tenant, params }) => {
  const account = await getBillingAccountOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializeBillingAccount(account, tenant.mode), account.updatedAt);
});

export const PATCH = withApi(billingAccountOps.update, async ({ db, tenant, params, body }) => {
  const account = await updateBillingAccount(db, { organizationId: tenant.organizationId, mode: tenant.mode, id: params.id }, body);
  return ok(serializeBillingAccount(account, tenant.mode));
});

export const DELETE = withApi(billingAccountOps.delete, async ({ db, tenant, params }) => {
  const outcome = await deleteBillingAccount(db, { organizationId: tenant.organizationId, mode: tenant.mode, id: params.id });
  return ok(outcome.deleted ? { id: outcome.id, object: "billing_account", deleted: true } : serializeBillingAccount(outcome.account, tenant.mode));
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
