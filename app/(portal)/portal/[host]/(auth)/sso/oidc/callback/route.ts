// GET /sso/oidc/callback?code=…&state=… — the merchant's IdP sends the browser back here: the
// state is used once (this browser only), the code exchanged, the ID token checked, then a session.
import { getDb } from "@/db";
import { cookieAttributes } from "@/lib/portal-auth/cookies";
import { portalOrigin } from "@/lib/portal-auth/links";
import { CALLBACK_PATH, completeOidcSignIn } from "@/lib/portal-auth/oidc";
import { portalCookieContext, readBindingValue, readSessionToken } from "../../../../session-cookie";
import { routeTenant, seeOther } from "../../../route-support";
import { ssoErrorPath } from "../../outcome";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ host: string }> }) {
  const tenant = await routeTenant(params);
  if (!tenant) return new Response("Not found", { status: 404 });
  const { host, request, names, secure } = await portalCookieContext();
  // req.url names the internal listener; the IdP redirected to the portal's own origin.
  const callbackUrl = new URL(`${portalOrigin(tenant, host)}${CALLBACK_PATH}${new URL(req.url).search}`);
  const result = await completeOidcSignIn(getDb(), {
    organizationId: tenant.id, host: host!, callbackUrl, bindingValue: await readBindingValue(), request, replacesToken: await readSessionToken(),
  });
  if (!result.ok) return seeOther(ssoErrorPath(result));
  const res = seeOther(result.next);
  res.cookies.set(names.session, result.token, cookieAttributes(secure, result.session.absoluteExpiresAt));
  return res;
}
