// POST /sign-out — ends this browser's session (form field scope=everywhere: every session of
// the user). POST only, and only from this origin: SameSite=Lax keeps the cookie off cross-site
// POSTs, and a foreign Origin header is refused outright.
import { getDb } from "@/db";
import { signOut, signOutEverywhere } from "@/lib/portal-auth/sign-out";
import { portalCookieContext, readSessionToken } from "../../session-cookie";
import { routeTenant, seeOther } from "../route-support";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ host: string }> }) {
  const tenant = await routeTenant(params);
  if (!tenant) return new Response("Not found", { status: 404 });
  const { host, request, names, secure } = await portalCookieContext();
  const origin = req.headers.get("origin");
  if (origin && !sameHost(origin, host)) return new Response("Forbidden", { status: 403 });
  const form = await req.formData().catch(() => null);
  const token = await readSessionToken();
  if (form?.get("scope") === "everywhere") await signOutEverywhere(getDb(), { organizationId: tenant.id, token, request });
  else await signOut(getDb(), { organizationId: tenant.id, token, request });
  const res = seeOther("/sign-in?error=signed_out");
  res.cookies.set(names.session, "", { httpOnly: true, secure, sameSite: "lax", path: "/", maxAge: 0 });
  return res;
}

function sameHost(origin: string, host: string | null): boolean {
  try {
    return new URL(origin).hostname === host;
  } catch {
    return false;
  }
}
