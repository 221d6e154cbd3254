// GET /pay/<token>/pdf — the invoice PDF behind a payment link
import { getDb } from "@/db";
import { payLinkPdfResponse } from "@/lib/pay-link/pdf-response";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return payLinkPdfResponse(getDb(), req, (await params).token);
}
