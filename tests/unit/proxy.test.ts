import { unstable_doesMiddlewareMatch, getRewrittenUrl, isRewrite } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dispatch } from "@/lib/tenancy/dispatch";
import { attestHost, HOST_ATTESTATION_HEADER } from "@/lib/tenancy/host-attestation";
import { requestHostHeader } from "@/lib/tenancy/request-host";
import { checkoutFramePolicy } from "@/lib/checkout/frame-policy";
import { config, proxy } from "@/proxy";

// The checkout's frame policy is looked up per tenant (database); here only whether the proxy asks.
vi.mock("@/lib/checkout/frame-policy", async (original) => ({
  ...(await original<typeof import("@/lib/checkout/frame-policy")>()),
  checkoutFramePolicy: vi.fn(async (host: string) => `frame-ancestors https://shop.example # ${host}`),
}));

const ROOT = "localhost";
const next = { action: "next" };
const notFound = { action: "not_found" };
const rewrite = (pathname: string) => ({ action: "rewrite", pathname });

describe("dispatch: root host", () => {
  it.each([["localhost:3000"], ["www.localhost"], ["127.0.0.1:3000"], ["[::1]:3000"]])("passes %s through", (host) => {
    expect(dispatch(host, "/", ROOT)).toEqual(next);
    expect(dispatch(host, "/admin/sign-in", ROOT)).toEqual(next);
    expect(dispatch(host, "/api/v1/health", ROOT)).toEqual(next);
  });

  it.each([
    ["/portal"],
    ["/portal/"],
    ["/portal/acme.localhost"],
    ["/portal/acme.localhost/invoices"],
    ["//portal/acme.localhost"],
    ["/%70ortal/acme.localhost"],
    ["/PORTAL/acme.localhost"],
    ["/Portal"],
  ])("refuses %s: the portal segment is only for tenant hosts", (pathname) => {
    expect(dispatch("localhost:3000", pathname, ROOT)).toEqual(notFound);
  });

  it("does not mistake other paths that start with the same letters for the portal", () => {
    expect(dispatch("localhost", "/portals", ROOT)).toEqual(next);
    expect(dispatch("localhost", "/admin/portal", ROOT)).toEqual(next);
  });

  it("refuses undecodable paths", () => {
    expect(dispatch("localhost", "/%E0%A4%A", ROOT)).toEqual(notFound);
  });
});

describe("dispatch: API host", () => {
  it.each([
    ["/v1/health", "/api/v1/health"],
    ["/v1/billing_accounts/ba_1", "/api/v1/billing_accounts/ba_1"],
    ["/v1", "/api/v1"],
    ["/v1/", "/api/v1/"],
    ["/", "/api/v1/"],
    ["/health", "/api/v1/health"],
    ["/v10/x", "/api/v1/v10/x"],
    ["/api/v1/health", "/api/v1/api/v1/health"],
  ])("rewrites %s to %s", (pathname, target) => {
    expect(dispatch("api.localhost:3000", pathname, ROOT)).toEqual(rewrite(target));
  });
});

describe("dispatch: tenant and custom hosts", () => {
  it.each([
    ["acme.localhost:3000", "/", "/portal/acme.localhost"],
    ["ACME.localhost.", "/", "/portal/acme.localhost"],
    ["acme.localhost", "/invoices", "/portal/acme.localhost/invoices"],
    ["acme.localhost", "/invoices/inv_1/pdf", "/portal/acme.localhost/invoices/inv_1/pdf"],
    ["acme-test.localhost:3000", "/", "/portal/acme-test.localhost"],
    ["billing.acme.com.br", "/", "/portal/billing.acme.com.br"],
    ["billing.acme.com.br:443", "/account", "/portal/billing.acme.com.br/account"],
    ["münchen.de", "/", "/portal/xn--mnchen-3ya.de"],
  ])("%s %s -> %s", (host, pathname, target) => {
    expect(dispatch(host, pathname, ROOT)).toEqual(rewrite(target));
  });

  it("always prefixes, so /portal/<other host> stays inside this host's segment", () => {
    expect(dispatch("acme.localhost", "/portal/other.localhost", ROOT)).toEqual(
      rewrite("/portal/acme.localhost/portal/other.localhost"),
    );
    expect(dispatch("evil.com", "/portal/acme.localhost", ROOT)).toEqual(rewrite("/portal/evil.com/portal/acme.localhost"));
  });

  it("refuses dot segments, encoded or not", () => {
    expect(dispatch("acme.localhost", "/../other.localhost", ROOT)).toEqual(notFound);
    expect(dispatch("acme.localhost", "/%2e%2e/other.localhost", ROOT)).toEqual(notFound);
    expect(dispatch("acme.localhost", "/x/%2E%2E%2F..%2Fother.localhost", ROOT)).toEqual(notFound);
  });

  it("lets the API answer on portal hosts (the portal's card form posts to the tokenization endpoint)", () => {
    expect(dispatch("acme.localhost:3000", "/api/v1/gateway/sandbox/tokens", ROOT)).toEqual(next);
    expect(dispatch("billing.acme.com.br", "/api/v1/health", ROOT)).toEqual(next);
    // Only the exact prefix: look-alikes stay in the tenant's portal segment.
    expect(dispatch("acme.localhost", "/api/v10/x", ROOT)).toEqual(rewrite("/portal/acme.localhost/api/v10/x"));
    expect(dispatch("acme.localhost", "/apix/v1", ROOT)).toEqual(rewrite("/portal/acme.localhost/apix/v1"));
  });

  it("leaves framework internals alone", () => {
    expect(dispatch("acme.localhost", "/_next/webpack-hmr", ROOT)).toEqual(next);
    expect(dispatch("acme.localhost", "/__nextjs_original-stack-frames", ROOT)).toEqual(next);
  });
});

describe("dispatch: invalid hosts", () => {
  it.each([[null], [""], ["bad..host"], ["a b"], ["user@acme.localhost"], ["a.b.localhost"], ["admin.localhost"], ["acme.localhost:99999"]])(
    "%j -> not found",
    (host) => {
      expect(dispatch(host, "/", ROOT)).toEqual(notFound);
      expect(dispatch(host, "/_next/static/x.js", ROOT)).toEqual(notFound);
    },
  );

  it("refuses paths that do not start with a slash", () => {
    expect(dispatch("acme.localhost", "portal/x", ROOT)).toEqual(notFound);
  });
});

describe("requestHostHeader", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("reads Host, ignoring X-Forwarded-Host unless the proxy is trusted", () => {
    const h = headers({ host: "acme.localhost:3000", "x-forwarded-host": "other.localhost" });
    expect(requestHostHeader(h, { trustProxy: false })).toBe("acme.localhost:3000");
    expect(requestHostHeader(h, { trustProxy: true })).toBe("other.localhost");
  });

  it("takes the first X-Forwarded-Host of a chain and falls back to Host", () => {
    expect(requestHostHeader(headers({ host: "a", "x-forwarded-host": " b.example.com , c" }), { trustProxy: true })).toBe("b.example.com");
    expect(requestHostHeader(headers({ host: "a.localhost" }), { trustProxy: true })).toBe("a.localhost");
    expect(requestHostHeader(headers({}), { trustProxy: false })).toBeNull();
  });
});

describe("proxy()", () => {
  afterEach(() => vi.unstubAllEnvs());

  const request = (url: string, host: string, extra: Record<string, string> = {}) =>
    new NextRequest(url, { headers: { host, ...extra } });

  it("rewrites a tenant host to its portal segment, keeping the query", async () => {
    const response = await proxy(request("http://localhost:3000/invoices?page=2", "acme.localhost:3000"));
    expect(isRewrite(response)).toBe(true);
    expect(new URL(getRewrittenUrl(response)!).pathname).toBe("/portal/acme.localhost/invoices");
    expect(new URL(getRewrittenUrl(response)!).search).toBe("?page=2");
  });

  it("rewrites the API host to /api/v1", async () => {
    const response = await proxy(request("http://localhost:3000/v1/health", "api.localhost:3000"));
    expect(new URL(getRewrittenUrl(response)!).pathname).toBe("/api/v1/health");
  });

  it("passes the root host through", async () => {
    const response = await proxy(request("http://localhost:3000/", "localhost:3000"));
    expect(isRewrite(response)).toBe(false);
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("answers 404 with a small HTML page for invalid hosts and root-host portal paths", async () => {
    for (const response of [
      await proxy(request("http://localhost:3000/", "bad..host")),
      await proxy(request("http://localhost:3000/portal/acme.localhost", "localhost:3000")),
    ]) {
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await response.text()).toMatch(/Page not found/);
    }
  });

  it("uses ROOT_DOMAIN and believes X-Forwarded-Host only with TRUST_PROXY=1", async () => {
    vi.stubEnv("ROOT_DOMAIN", "ciclo.example.com");
    const forwarded = { "x-forwarded-host": "acme.ciclo.example.com" };
    const untrusted = await proxy(request("http://localhost:3000/", "ciclo.example.com", forwarded));
    expect(isRewrite(untrusted)).toBe(false);
    vi.stubEnv("TRUST_PROXY", "1");
    const trusted = await proxy(request("http://localhost:3000/", "ciclo.example.com", forwarded));
    expect(new URL(getRewrittenUrl(trusted)!).pathname).toBe("/portal/acme.ciclo.example.com");
  });

  it("looks the checkout's frame policy up for a portal's /checkout pages only", async () => {
    const lookup = vi.mocked(checkoutFramePolicy);
    lookup.mockClear();
    for (const path of ["/checkout", "/checkout/plan_1?embed=1", "/Checkout/x"]) {
      const response = await proxy(request(`http://localhost:3000${path}`, "acme.localhost:3000"));
      expect(response.headers.get("content-security-policy"), path).toBe("frame-ancestors https://shop.example # acme.localhost:3000");
    }
    expect(lookup).toHaveBeenCalledTimes(3);
    lookup.mockClear();
    for (const [host, path] of [["acme.localhost:3000", "/"], ["acme.localhost:3000", "/invoices"], ["acme.localhost:3000", "/checkouts"], ["localhost:3000", "/checkout"], ["api.localhost:3000", "/checkout"]] as const) {
      const response = await proxy(request(`http://localhost:3000${path}`, host));
      expect(response.headers.get("content-security-policy"), `${host}${path}`).toBeNull();
    }
    expect(lookup).not.toHaveBeenCalled();
  });

  it("runs on pages, auth routes and RSC requests but not on static assets nor the REST API", async () => {
    const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });
    expect(matches("/")).toBe(true);
    expect(matches("/invoices")).toBe(true);
    expect(matches("/v1/health")).toBe(true); // api.<root>/v1/... is rewritten to /api/v1/...
    expect(matches("/api/auth/session")).toBe(true); // staff sign-in stays on the root host
    expect(matches("/api/v1")).toBe(true);
    expect(matches("/api/v1/usage_records/batch")).toBe(false);
    expect(matches("/api/v1/health/live")).toBe(false);
    expect(matches("/portal/acme.localhost")).toBe(true);
    expect(matches("/_next/static/chunks/main.js")).toBe(false);
    expect(matches("/_next/image?url=x")).toBe(false);
    expect(matches("/favicon.ico")).toBe(false);
  });
});

describe("proxy(): the redirect target of a server action", () => {
  afterEach(() => vi.unstubAllEnvs());

  /** The request headers the app sees behind the proxy (Next applies x-middleware-override-headers). */
  function appHeaders(response: Response): Headers {
    const names = response.headers.get("x-middleware-override-headers")?.split(",") ?? [];
    return new Headers(names.map((name): [string, string] => [name, response.headers.get(`x-middleware-request-${name}`) ?? ""]));
  }

  /**
   * What Next sends itself to render the target of a server action's redirect() into the action's
   * response (action-handler.js createRedirectRenderResult): the action request's headers, to its
   * private origin, where fetch replaces Host with that origin's.
   */
  function selfFetch(actionHeaders: Headers, target: string, origin = "http://localhost:3000"): NextRequest {
    const headers = new Headers(actionHeaders);
    headers.delete("next-action");
    headers.set("rsc", "1");
    headers.set("host", new URL(origin).host);
    return new NextRequest(new URL(target, origin), { headers });
  }

  const request = (url: string, host: string, extra: Record<string, string> = {}) =>
    new NextRequest(url, { headers: { host, ...extra } });
  const action = (host: string, pathname: string, extra: Record<string, string> = {}) =>
    new NextRequest(`http://localhost:3000${pathname}`, {
      method: "POST",
      headers: { host, "next-action": "7f00", origin: `http://${host}`, "x-forwarded-host": host, ...extra },
    });

  it("renders the portal's page on the portal host the action ran on, not the root host's", async () => {
    const posted = await proxy(action("acme.localhost:3000", "/sign-in"));
    expect(new URL(getRewrittenUrl(posted)!).pathname).toBe("/portal/acme.localhost/sign-in");

    const target = await proxy(selfFetch(appHeaders(posted), "/"));
    expect(isRewrite(target)).toBe(true);
    expect(new URL(getRewrittenUrl(target)!).pathname).toBe("/portal/acme.localhost");
    // The portal's pages read the tenant from Host: they see the portal host again.
    expect(appHeaders(target).get("host")).toBe("acme.localhost:3000");

    const nested = await proxy(selfFetch(appHeaders(posted), "/sign-in?error=signed_out"));
    expect(new URL(getRewrittenUrl(nested)!).pathname).toBe("/portal/acme.localhost/sign-in");
    expect(new URL(getRewrittenUrl(nested)!).search).toBe("?error=signed_out");
  });

  it("works for custom domains and whatever private origin Next fetches from", async () => {
    const posted = await proxy(action("billing.acme.com.br", "/two-factor"));
    for (const origin of ["http://localhost:3000", "http://[::]:3000", "http://127.0.0.1:8080"]) {
      const target = await proxy(selfFetch(appHeaders(posted), "/invoices", origin));
      expect(new URL(getRewrittenUrl(target)!).pathname).toBe("/portal/billing.acme.com.br/invoices");
      expect(appHeaders(target).get("host")).toBe("billing.acme.com.br");
    }
  });

  it("keeps root-host actions on the root host, even when the private origin is not the root domain", async () => {
    vi.stubEnv("ROOT_DOMAIN", "ciclo.example.com");
    const posted = await proxy(action("ciclo.example.com", "/admin/sign-in"));
    expect(isRewrite(posted)).toBe(false);
    const target = await proxy(selfFetch(appHeaders(posted), "/admin"));
    expect(isRewrite(target)).toBe(false);
    expect(target.status).toBe(200);
    expect(appHeaders(target).get("host")).toBe("ciclo.example.com");
  });

  it("believes only its own stamp: a forged or foreign one is replaced, and the Host header decides", async () => {
    const forged = [
      `acme.localhost:3000 ${"A".repeat(43)}`,
      attestHost("acme.localhost:3000", Buffer.alloc(32, 7)),
      "acme.localhost:3000",
    ];
    for (const value of forged) {
      const response = await proxy(request("http://localhost:3000/", "localhost:3000", { [HOST_ATTESTATION_HEADER]: value }));
      expect(isRewrite(response), value).toBe(false);
      const seen = appHeaders(response);
      expect(seen.get("host")).toBe("localhost:3000");
      expect(seen.get(HOST_ATTESTATION_HEADER)).toBe(attestHost("localhost:3000"));
    }
    // A portal host's own request cannot claim another portal either.
    const other = await proxy(request("http://localhost:3000/", "evil.localhost:3000", { [HOST_ATTESTATION_HEADER]: "acme.localhost:3000 x" }));
    expect(new URL(getRewrittenUrl(other)!).pathname).toBe("/portal/evil.localhost");
  });

  it("does not pass X-Forwarded-Host off as the host without TRUST_PROXY, stamp or not", async () => {
    const response = await proxy(request("http://localhost:3000/", "localhost:3000", { "x-forwarded-host": "acme.localhost:3000", rsc: "1" }));
    expect(isRewrite(response)).toBe(false);
  });
});
