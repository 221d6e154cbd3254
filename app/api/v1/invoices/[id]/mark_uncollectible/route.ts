// POST /api/v1/invoices/:id/mark_uncollectible — mark an open invoice uncollectible
import { withApi } from "@/lib/api/handler";
import { invoiceOps, serializeInvoice } from "@/lib/api/resources/invoices";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { markUncollectible } from "@/lib/invoices/service";

export const POST = withApi(invoiceOps.markUncollectible, async ({ db, tenant, params }) => {
  const invoice = await markUncollectible(db, { organizationId: tenant.organizationId, mode: tenant.mode, id: params.id });
  return ok(serializeInvoice(invoice, tenant.mode));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
