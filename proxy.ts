// Host-header dispatch: root host -> landing/admin/API, api.<root> -> /api/v1, tenant and
// custom hosts -> the portal segment. Decisions live in lib/tenancy/dispatch.ts.
import { NextResponse, type NextRequest } from "next/server";
import { checkoutFramePolicy, isCheckoutPath } from "@/lib/checkout/frame-policy";
import { rootDomain, trustProxy } from "@/lib/tenancy/config";
import { dispatch, PORTAL_PREFIX } from "@/lib/tenancy/dispatch";
import { attestedHost, attestHost, HOST_ATTESTATION_HEADER } from "@/lib/tenancy/host-attestation";
import { requestHostHeader } from "@/lib/tenancy/request-host";

const NOT_FOUND_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found</title></head>' +
  '<body style="font-family:system-ui,sans-serif;margin:4rem auto;max-width:32rem;padding:0 1rem;color:#18181b">' +
  "<h1>Page not found</h1><p>There is nothing at this address.</p></body></html>";

function notFound(): NextResponse {
  return new NextResponse(NOT_FOUND_HTML, {
    status: 404,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

/**
 * The request as the app sees it: stamped with the host it was dispatched by (see
 * lib/tenancy/host-attestation.ts), and for Next's self-fetch of a server action's redirect
 * target, with that host back in `Host`, where the portal's pages read it.
 */
function forwardedRequest(request: NextRequest, host: string, attested: boolean): { request: { headers: Headers } } {
  const headers = new Headers(request.headers);
  headers.set(HOST_ATTESTATION_HEADER, attestHost(host));
  if (attested) headers.set("host", host);
  return { request: { headers } };
}

export async function proxy(request: NextRequest) {
  const attested = attestedHost(request.headers.get(HOST_ATTESTATION_HEADER));
  const host = attested ?? requestHostHeader(request.headers, { trustProxy: trustProxy() });
  const decision = dispatch(host, request.nextUrl.pathname, rootDomain());
  switch (decision.action) {
    case "next":
      return NextResponse.next(forwardedRequest(request, host!, attested !== null));
    case "not_found":
      return notFound();
    case "rewrite": {
      const url = request.nextUrl.clone(); // keeps the query string
      url.pathname = decision.pathname;
      const response = NextResponse.rewrite(url, forwardedRequest(request, host!, attested !== null));
      // The checkout may be framed by the merchant's allowed origins only (per tenant); every
      // other page keeps the app's default framing policy.
      if (decision.pathname.startsWith(`${PORTAL_PREFIX}/`) && isCheckoutPath(request.nextUrl.pathname)) {
        response.headers.set("content-security-policy", await checkoutFramePolicy(host!));
      }
      return response;
    }
  }
}

// Not on static assets, nor on the REST API under /api/v1/: it authorizes by key and never by
// host, so it answers the same on every host, and skipping the proxy spares every API request
// Next's copy of its body for the proxy (~0.6 ms of CPU per 100-record usage batch,
// docs/performance.md). `api.<ROOT_DOMAIN>/v1/...` still comes through here to be rewritten.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|api/v1/).*)"],
};
