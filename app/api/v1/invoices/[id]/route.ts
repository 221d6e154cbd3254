// GET /api/v1/invoices/:id — retrieve; PATCH — update (draft fields, nfe, metadata); DELETE — delete a draft
import { withApi } from "@/lib/api/handler";
import { invoiceOps, serializeInvoice } from "@/lib/api/resources/invoices";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { deleteDraft, updateInvoice } from "@/lib/invoices/service";
import { getInvoiceOrThrow } from "@/lib/invoices/store";

export const GET = withApi(invoiceOps.retrieve, async ({ db, tenant, params }) => {
  const invoice = await getInvoiceOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializeInvoice(invoice, tenant.mode), invoice.updatedAt);
});

export const PATCH = withApi(invoiceOps.update, async ({ db, tenant, params, body }) => {
  const invoice = await updateInvoice(db, { organizationId: tenant.organizationId, mode: tenant.mode, id: params.id }, body);
  return ok(serializeInvoice(invoice, tenant.mode));
});

export const DELETE = withApi(invoiceOps.delete, async ({ db, tenant, params }) => {
  await deleteDraft(db, { organizationId: tenant.organizationId, mode: tenant.mode, id: params.id });
  return ok({ id: params.id, object: "invoice", deleted: true });
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
