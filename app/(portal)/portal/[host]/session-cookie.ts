import { cookies, headers } from "next/headers";
import { cookieAttributes, cookieNames, isSecureContext } from "@/lib/portal-auth/cookies";
import { requestInfoFrom, type RequestInfo } from "@/lib/portal-auth/context";
import { trustProxy } from "@/lib/tenancy/config";
import { normalizeHost } from "@/lib/tenancy/host";
import { requestHostHeader } from "@/lib/tenancy/request-host";

// Reading and writing the portal's auth cookies (server components read; actions and route
// handlers write). Names and attributes come from lib/portal-auth/cookies.ts.
export async function portalCookieContext(): Promise<{ secure: boolean; names: { session: string; binding: string }; host: string | null; request: RequestInfo }> {
  const h = await headers();
  const host = normalizeHost(requestHostHeader(h, { trustProxy: trustProxy() }));
  const secure = isSecureContext(host, h.get("x-forwarded-proto"));
  return { secure, names: cookieNames(secure), host, request: requestInfoFrom(h) };
}

export async function readSessionToken(): Promise<string | null> {
  const { names } = await portalCookieContext();
  return (await cookies()).get(names.session)?.value ?? null;
}

export async function readBindingValue(): Promise<string | null> {
  const { names } = await portalCookieContext();
  return (await cookies()).get(names.binding)?.value ?? null;
}

/** Only in server actions and route handlers (server components cannot set cookies). */
export async function writeSessionCookie(token: string, expires: Date): Promise<void> {
  const { secure, names } = await portalCookieContext();
  (await cookies()).set(names.session, token, cookieAttributes(secure, expires));
}

export async function clearSessionCookie(): Promise<void> {
  const { secure, names } = await portalCookieContext();
  (await cookies()).set(names.session, "", { ...cookieAttributes(secure), maxAge: 0 });
}

export async function writeBindingCookie(value: string, expires: Date): Promise<void> {
  const { secure, names } = await portalCookieContext();
  (await cookies()).set(names.binding, value, cookieAttributes(secure, expires));
}
