// GET /invoices/<id>/pdf on a portal host — the invoice PDF (the API's document), for the
// signed-in customer's own invoices only; anything else is a bare 404.
import { getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { isNotModified } from "@/lib/api/conditional";
import { renderInvoicePdf } from "@/lib/invoices/pdf";
import { pdfDisposition } from "@/lib/invoices/pdf-data";
import { portalInvoicePdf } from "@/lib/portal/invoices";
import { requireSectionViewer } from "../../../section";

export const dynamic = "force-dynamic";

const PRIVATE = { "cache-control": "private, no-cache", "referrer-policy": "no-referrer", "x-robots-tag": "noindex" };
const NOT_FOUND = () => new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

export async function GET(req: Request, { params }: { params: Promise<{ host: string; id: string }> }) {
  const { id } = await params;
  const { scope } = await requireSectionViewer(params, "invoices", { next: `/invoices/${encodeURIComponent(id)}` });
  let found: Awaited<ReturnType<typeof portalInvoicePdf>>;
  try {
    found = await portalInvoicePdf(getDb(), scope, id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return NOT_FOUND();
    throw error;
  }
  const headers = { ...PRIVATE, ETag: found.etag };
  if (isNotModified(req.headers, found.etag)) return new Response(null, { status: 304, headers });
  const pdf = await renderInvoicePdf(found.doc);
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: { ...headers, "content-type": "application/pdf", "content-disposition": pdfDisposition(found.filename), "content-length": String(pdf.byteLength) },
  });
}
