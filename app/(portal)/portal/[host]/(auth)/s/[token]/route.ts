// GET /s/<token> — a deep link made by the merchant's app (POST /api/v1/portal/sessions):
// signs the customer in once and goes to the flow's page.
import { getDb } from "@/db";
import { cookieAttributes } from "@/lib/portal-auth/cookies";
import { consumeDeepLink } from "@/lib/portal-auth/deep-link";
import { portalCookieContext, readSessionToken } from "../../../session-cookie";
import { routeTenant, seeOther } from "../../route-support";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ host: string; token: string }> }) {
  const tenant = await routeTenant(params);
  if (!tenant) return new Response("Not found", { status: 404 });
  const { host, request, names, secure } = await portalCookieContext();
  const result = await consumeDeepLink(getDb(), { organizationId: tenant.id, host: host!, token: (await params).token, request, replacesToken: await readSessionToken() });
  if (!result.ok) return seeOther(`/sign-in?error=${result.reason === "inactive_user" ? "invalid" : result.reason}`);
  const res = seeOther(result.next);
  res.cookies.set(names.session, result.token, cookieAttributes(secure, result.session.absoluteExpiresAt));
  return res;
}
