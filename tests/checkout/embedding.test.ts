import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { completeCheckout, REPLAY_SIGN_IN_MS } from "@/lib/checkout/complete";
import { checkoutFramePolicy, frameAncestors, isAllowedEmbedder, isCheckoutPath } from "@/lib/checkout/frame-policy";
import { CheckoutNotFoundError } from "@/lib/checkout/offer";
import { issueCheckoutPortalLink, openCheckoutSession } from "@/lib/checkout/session";
import { buildCheckoutSnippet } from "@/lib/checkout/snippet";
import { consumeDeepLink } from "@/lib/portal-auth/deep-link";
import { findPortalSession } from "@/lib/portal-auth/sessions";
import { updatePortalSettings } from "@/lib/portal/settings";
import { buyer, checkoutTenant, context } from "./fixtures";

// Embedding: the frame-ancestors policy per tenant, the snippet, and signing in after a purchase
// (cookie session top level, one-time deep link for the framed case).
let c: Awaited<ReturnType<typeof checkoutTenant>>;
beforeAll(async () => {
  c = await checkoutTenant();
});

describe("frame policy", () => {
  it("applies to /checkout and below only, however the path is spelled", () => {
    for (const path of ["/checkout", "/checkout/pro", "//checkout/pro", "/%63heckout/pro", "/Checkout/pro"]) expect(isCheckoutPath(path), path).toBe(true);
    for (const path of ["/", "/invoices", "/checkouts", "/sign-in", "/s/checkout"]) expect(isCheckoutPath(path), path).toBe(false);
  });

  it("lists the allowed origins, or none", () => {
    expect(frameAncestors([])).toBe("frame-ancestors 'none'");
    expect(frameAncestors(["https://shop.example.com", "http://127.0.0.1:8080", "https://x.example; script-src *"])).toBe("frame-ancestors https://shop.example.com http://127.0.0.1:8080");
    expect(isAllowedEmbedder("https://shop.example.com", ["https://shop.example.com"])).toBe(true);
    expect(isAllowedEmbedder("https://evil.example.com", ["https://shop.example.com"])).toBe(false);
  });

  it("per tenant, from portal settings; unknown hosts are refused", async () => {
    const host = `${c.t.slug}.localhost`;
    expect(await checkoutFramePolicy(host)).toBe("frame-ancestors 'none'");
    await updatePortalSettings(getDb(), c.t.live.id, { allowed_return_origins: ["https://shop.example.com"] });
    expect(await checkoutFramePolicy(host)).toBe("frame-ancestors https://shop.example.com");
    expect(await checkoutFramePolicy(`${c.t.slug}-test.localhost`)).toBe("frame-ancestors 'none'"); // the sandbox has its own settings
    expect(await checkoutFramePolicy("nobody-here.localhost")).toBe("frame-ancestors 'none'");
  });
});

describe("snippet", () => {
  it("frames ?embed=1 of a public plan and listens for the message from the portal's origin only", async () => {
    const built = await buildCheckoutSnippet(getDb(), { organizationId: c.t.live.id, planSlug: "pro" });
    expect(built.embedUrl).toMatch(new RegExp(`^http://${c.t.slug}\\.localhost(:\\d+)?/checkout/pro\\?embed=1$`));
    expect(built.snippet).toContain(`<iframe src="${built.embedUrl}"`);
    expect(built.snippet).toContain(`event.origin !== "${new URL(built.url).origin}"`);
    expect(built.snippet).toContain('"ciclo.checkout.completed"');
    await expect(buildCheckoutSnippet(getDb(), { organizationId: c.t.live.id, planSlug: "internal" })).rejects.toBeInstanceOf(CheckoutNotFoundError);
  });
});

describe("signing in after the purchase", () => {
  it("a session for the buyer; a one-time link for the framed case; late replays get none", async () => {
    const db = getDb();
    const host = `${c.t.slug}.localhost`;
    const { result, replayed } = await completeCheckout(db, { ...c.scope, slug: "pro" }, buyer(), context);
    const opened = await openCheckoutSession(db, { organizationId: c.t.live.id, result, replayed, request: context.request });
    const found = await findPortalSession(db, { organizationId: c.t.live.id, token: opened!.token });
    expect(found?.user).toMatchObject({ id: result.portal_user_id, billingAccountId: result.billing_account_id, role: "owner" });

    const link = await issueCheckoutPortalLink(db, { organizationId: c.t.live.id, portalUserId: result.portal_user_id, host });
    const token = new URL(link).pathname.replace(/^\/s\//, "");
    const used = await consumeDeepLink(db, { organizationId: c.t.live.id, host, token, request: context.request });
    expect(used).toMatchObject({ ok: true, next: "/" });
    expect(await consumeDeepLink(db, { organizationId: c.t.live.id, host, token, request: context.request })).toMatchObject({ ok: false, reason: "used" });

    const late = { ...result, completed_at: new Date(Date.now() - REPLAY_SIGN_IN_MS - 1000).toISOString() };
    expect(await openCheckoutSession(db, { organizationId: c.t.live.id, result: late, replayed: true, request: context.request })).toBeNull();
  });
});
