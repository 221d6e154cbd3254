// POST /api/v1/invoices/:id/finalize — finalize a draft
import { withApi } from "@/lib/api/handler";
import { invoiceOps, serializeInvoice } from "@/lib/api/resources/invoices";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { finalizeDraft } from "@/lib/invoices/service";

export const POST = withApi(invoiceOps.finalize, async ({ db, tenant, params }) => {
  const invoice = await finalizeDraft(db, { organizationId: tenant.organizationId, mode: tenant.mode, id: params.id });
  return ok(serializeInvoice(invoice, tenant.mode));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
