// GET /auth/magic?token=… — a magic or invite link. Opened in the browser that asked for it,
// it signs in at once; opened anywhere else it asks for a click first (/auth/magic/confirm),
// so mail scanners and links planted by others cannot sign a browser in.
import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { cookieAttributes } from "@/lib/portal-auth/cookies";
import { consumeMagicLink, previewMagicLink } from "@/lib/portal-auth/magic-link";
import { portalCookieContext, readBindingValue, readSessionToken } from "../../../session-cookie";
import { routeTenant, seeOther } from "../../route-support";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ host: string }> }) {
  const tenant = await routeTenant(params);
  if (!tenant) return new NextResponse("Not found", { status: 404 });
  const token = new URL(req.url).searchParams.get("token");
  const { host, request, names, secure } = await portalCookieContext();
  const binding = await readBindingValue();
  const preview = await previewMagicLink(getDb(), { organizationId: tenant.id, host: host!, token, bindingValue: binding });
  if (!preview.ok) return seeOther(`/sign-in?error=${preview.reason === "inactive_user" ? "invalid" : preview.reason}`);
  if (!preview.sameBrowser) return seeOther(`/auth/magic/confirm?token=${encodeURIComponent(token!)}`);
  const result = await consumeMagicLink(getDb(), { organizationId: tenant.id, host: host!, token, bindingValue: binding, request, replacesToken: await readSessionToken() });
  if (!result.ok) return seeOther(`/sign-in?error=${result.reason === "inactive_user" ? "invalid" : result.reason}`);
  const res = seeOther(result.next);
  res.cookies.set(names.session, result.token, cookieAttributes(secure, result.session.absoluteExpiresAt));
  return res;
}
