// GET /api/v1/payments — list payments (attempts), newest first
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { paymentOps, serializePayment } from "@/lib/api/resources/payments";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { listPayments } from "@/lib/payments/refunds";

export const GET = withApi(paymentOps.list, async ({ db, tenant, query }) => {
  const rows = await listPayments(db, { organizationId: tenant.organizationId }, query);
  return ok(page(rows, query.limit, (row) => serializePayment(row, tenant.mode, row.refunds)));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
