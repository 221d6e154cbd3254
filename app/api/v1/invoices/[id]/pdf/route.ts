// GET /api/v1/invoices/:id/pdf — the invoice as a PDF (inline, named after its number)
import { withApi } from "@/lib/api/handler";
import { invoiceOps } from "@/lib/api/resources/invoices";
import { file } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { renderInvoicePdf } from "@/lib/invoices/pdf";
import { invoiceDocument, invoicePdfFile, pdfDisposition } from "@/lib/invoices/pdf-data";

export const GET = withApi(invoiceOps.pdf, async ({ db, tenant, params }) => {
  const doc = await invoiceDocument(db, { organizationId: tenant.organizationId, id: params.id });
  const { filename, etag } = invoicePdfFile(doc, params.id);
  return file({ contentType: "application/pdf", etag, headers: { "content-disposition": pdfDisposition(filename) }, bytes: () => renderInvoicePdf(doc) });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
