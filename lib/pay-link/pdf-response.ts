import type { DbOrTx } from "@/db";
import { isNotModified } from "@/lib/api/conditional";
import { renderInvoicePdf } from "@/lib/invoices/pdf";
import { pdfDisposition } from "@/lib/invoices/pdf-data";
import { payLinkPdf } from "./lookup";

// GET /pay/<token>/pdf: the same PDF as GET /api/v1/invoices/:id/pdf, for whoever holds the link.
// A token that names nothing is a bare 404, whatever the reason.
const PRIVATE = { "cache-control": "private, no-cache", "referrer-policy": "no-referrer", "x-robots-tag": "noindex" };

export async function payLinkPdfResponse(db: DbOrTx, req: Request, token: string, options: { organizationId?: string } = {}): Promise<Response> {
  const found = await payLinkPdf(db, token, options);
  if (!found) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  const headers = { ...PRIVATE, ETag: found.etag };
  if (isNotModified(req.headers, found.etag)) return new Response(null, { status: 304, headers });
  const pdf = await renderInvoicePdf(found.doc);
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: { ...headers, "content-type": "application/pdf", "content-disposition": pdfDisposition(found.filename), "content-length": String(pdf.byteLength) },
  });
}
