// GET /sso/jwt?token=…&next=/path — sign in with a short-lived token signed by the merchant's
// platform (SSO with `external_id`); POST with the same fields as a form keeps the token out of
// URLs and logs. The token is checked and used up by lib/portal-auth/sso-jwt.ts.
import { getDb } from "@/db";
import { cookieAttributes } from "@/lib/portal-auth/cookies";
import { safeNextPath } from "@/lib/portal-auth/gate";
import { signInWithSsoJwt } from "@/lib/portal-auth/sso-jwt";
import { portalCookieContext, readSessionToken } from "../../../session-cookie";
import { routeTenant, seeOther } from "../../route-support";
import { ssoErrorPath } from "../outcome";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ host: string }> };

async function signIn(params: Ctx["params"], token: string | null, next: string | null): Promise<Response> {
  const tenant = await routeTenant(params);
  if (!tenant) return new Response("Not found", { status: 404 });
  const { host, request, names, secure } = await portalCookieContext();
  const result = await signInWithSsoJwt(getDb(), { organizationId: tenant.id, host: host!, token, request, replacesToken: await readSessionToken() });
  if (!result.ok) return seeOther(ssoErrorPath(result));
  const res = seeOther(safeNextPath(next));
  res.cookies.set(names.session, result.token, cookieAttributes(secure, result.session.absoluteExpiresAt));
  return res;
}

export async function GET(req: Request, { params }: Ctx) {
  const query = new URL(req.url).searchParams;
  return signIn(params, query.get("token"), query.get("next"));
}

export async function POST(req: Request, { params }: Ctx) {
  const form = await req.formData().catch(() => null);
  const value = (name: string) => (typeof form?.get(name) === "string" ? (form.get(name) as string) : null);
  return signIn(params, value("token"), value("next"));
}
