// POST /api/v1/invoices/:id/lines — add one-off lines to a draft
import { withApi } from "@/lib/api/handler";
import { invoiceOps, serializeInvoice } from "@/lib/api/resources/invoices";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { addDraftLines } from "@/lib/invoices/service";

export const POST = withApi(invoiceOps.addLines, async ({ db, tenant, params, body }) => {
  const invoice = await addDraftLines(db, { organizationId: tenant.organizationId, mode: tenant.mode, id: params.id }, body);
  return ok(serializeInvoice(invoice, tenant.mode));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
