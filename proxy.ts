// Host-header dispatch: root host -> landing/admin/API, api.<root> -> /api/v1, tenant and
// custom hosts -> the portal segment. Decisions live in lib/tenancy/dispatch.ts.
import { NextResponse, type NextRequest } from "next/server";
import { rootDomain, trustProxy } from "@/lib/tenancy/config";
import { dispatch } from "@/lib/tenancy/dispatch";
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

export function proxy(request: NextRequest) {
  const host = requestHostHeader(request.headers, { trustProxy: trustProxy() });
  const decision = dispatch(host, request.nextUrl.pathname, rootDomain());
  switch (decision.action) {
    case "next":
      return NextResponse.next();
    case "not_found":
      return notFound();
    case "rewrite": {
      const url = request.nextUrl.clone(); // keeps the query string
      url.pathname = decision.pathname;
      return NextResponse.rewrite(url);
    }
  }
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico).*)"],
};
