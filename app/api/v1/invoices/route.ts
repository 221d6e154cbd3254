// POST /api/v1/invoices — create a one-off invoice; GET — list invoices
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { invoiceOps, serializeInvoice } from "@/lib/api/resources/invoices";
import { created, ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { createInvoice, listInvoices } from "@/lib/invoices/service";

export const POST = withApi(invoiceOps.create, async ({ db, tenant, body }) => {
  const invoice = await createInvoice(db, { organizationId: tenant.organizationId, mode: tenant.mode }, body);
  return created(serializeInvoice(invoice, tenant.mode));
});

export const GET = withApi(invoiceOps.list, async ({ db, tenant, query }) => {
  const rows = await listInvoices(db, { organizationId: tenant.organizationId }, query);
  return ok(page(rows, query.limit, (row) => serializeInvoice(row, tenant.mode)));
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
