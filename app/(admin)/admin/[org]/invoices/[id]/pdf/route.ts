// GET /admin/<org>/invoices/<id>/pdf — the invoice PDF (the API's document and renderer), for the organization's staff
import { getDb } from "@/db";
import { isNotModified } from "@/lib/api/conditional";
import { ApiError } from "@/lib/api/errors";
import { isUuid } from "@/lib/uuid";
import { renderInvoicePdf } from "@/lib/invoices/pdf";
import { invoiceDocument, invoicePdfFile, pdfDisposition } from "@/lib/invoices/pdf-data";
import { findStaff } from "../../../../staff";

export const dynamic = "force-dynamic";

const PRIVATE = { "cache-control": "private, no-cache", "referrer-policy": "no-referrer", "x-robots-tag": "noindex" };
const NOT_FOUND = () => new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

export async function GET(req: Request, { params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const staff = await findStaff(org, "business:read");
  if (!staff || !isUuid(id)) return NOT_FOUND();
  let doc: Awaited<ReturnType<typeof invoiceDocument>>;
  try {
    doc = await invoiceDocument(getDb(), { organizationId: staff.organization.id, id });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return NOT_FOUND();
    throw error;
  }
  const { filename, etag } = invoicePdfFile(doc, id);
  const headers = { ...PRIVATE, ETag: etag };
  if (isNotModified(req.headers, etag)) return new Response(null, { status: 304, headers });
  const pdf = await renderInvoicePdf(doc);
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: { ...headers, "content-type": "application/pdf", "content-disposition": pdfDisposition(filename), "content-length": String(pdf.byteLength) },
  });
}
