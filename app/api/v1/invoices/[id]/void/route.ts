// POST /api/v1/invoices/:id/void — void an open invoice
import { withApi } from "@/lib/api/handler";
import { invoiceOps, serializeInvoice } from "@/lib/api/resources/invoices";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { voidInvoice } from "@/lib/invoices/service";

export const POST = withApi(invoiceOps.void, async ({ db, tenant, params }) => {
  const invoice = await voidInvoice(db, { organizationId: tenant.organizationId, mode: tenant.mode, id: params.id });
  return ok(serializeInvoice(invoice, tenant.mode));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
