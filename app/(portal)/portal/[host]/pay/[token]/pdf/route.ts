// GET /pay/<token>/pdf on a merchant's portal host — that merchant's invoices only
import { getDb } from "@/db";
import { payLinkPdfResponse } from "@/lib/pay-link/pdf-response";
import { requirePortalTenant } from "../../../tenant";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ host: string; token: string }> }) {
  const tenant = await requirePortalTenant(params);
  return payLinkPdfResponse(getDb(), req, (await params).token, { organizationId: tenant.id });
}
