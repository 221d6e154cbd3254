// GET /sso/oidc/start?next=/path — "Sign in with <IdP>": an authorization request (state, nonce,
// PKCE) bound to this browser by the binding cookie, then off to the merchant's IdP.
import { getDb } from "@/db";
import { cookieAttributes } from "@/lib/portal-auth/cookies";
import { keepOrNewToken } from "@/lib/portal-auth/crypto";
import { portalOrigin } from "@/lib/portal-auth/links";
import { startOidcSignIn } from "@/lib/portal-auth/oidc";
import { TOKEN_TTL_MS } from "@/lib/portal-auth/tokens";
import { portalCookieContext, readBindingValue } from "../../../../session-cookie";
import { routeTenant, seeOther } from "../../../route-support";
import { ssoErrorPath } from "../../outcome";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ host: string }> }) {
  const tenant = await routeTenant(params);
  if (!tenant) return new Response("Not found", { status: 404 });
  const { host, request, names, secure } = await portalCookieContext();
  // The browser keeps one binding value (shared with magic links); it outlives both flows.
  const binding = keepOrNewToken(await readBindingValue());
  const result = await startOidcSignIn(getDb(), {
    organizationId: tenant.id, host: host!, origin: portalOrigin(tenant, host), bindingValue: binding, next: new URL(req.url).searchParams.get("next"), request,
  });
  const res = seeOther(result.ok ? result.url : ssoErrorPath(result));
  if (result.ok) res.cookies.set(names.binding, binding, cookieAttributes(secure, new Date(Date.now() + TOKEN_TTL_MS.magic_link)));
  return res;
}
