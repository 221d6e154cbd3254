"use server";
// Server actions of the checkout: quote the choices, complete the purchase (and sign in).
// The tenant comes from the request's host, never from the client; card data never comes here.
import { getDb } from "@/db";
import type { CompleteState, QuoteState, Refusal } from "@/components/portal/checkout/types";
import { completeCheckout } from "@/lib/checkout/complete";
import { CheckoutError } from "@/lib/checkout/errors";
import { CheckoutNotFoundError } from "@/lib/checkout/offer";
import { quoteCheckout } from "@/lib/checkout/quote";
import { issueCheckoutPortalLink, openCheckoutSession } from "@/lib/checkout/session";
import { log } from "@/lib/log";
import { formatDigitableLine } from "@/lib/payments/boleto/digitable-line";
import { takeAttempt } from "@/lib/portal-auth/attempt-limit";
import { portalOrigin } from "@/lib/portal-auth/links";
import { authContext, withAfterCommit } from "../../(auth)/context";
import { readSessionToken, writeSessionCookie } from "../../session-cookie";

function refusal(error: unknown, what: string): Refusal {
  if (error instanceof CheckoutError) return { ok: false, code: error.code, fields: error.fields };
  if (error instanceof CheckoutNotFoundError) return { ok: false, code: "not_found", fields: {} };
  log.error(`checkout: ${what} failed`, { error });
  return { ok: false, code: "unavailable", fields: {} };
}

export async function quoteAction(slug: string, selection: unknown): Promise<QuoteState> {
  try {
    const ctx = await authContext();
    return { ok: true, quote: await quoteCheckout(getDb(), { organizationId: ctx.tenant.id, mode: ctx.tenant.mode, slug }, selection) };
  } catch (error) {
    return refusal(error, "quote");
  }
}

export async function completeAction(slug: string, payload: unknown, options?: { embed?: unknown }): Promise<CompleteState> {
  try {
    const ctx = await authContext();
    const db = getDb();
    const attempt = await takeAttempt(db, { organizationId: ctx.tenant.id, form: "checkout", request: ctx.request });
    if (!attempt.ok) return { ok: false, code: "rate_limited", fields: {} };
    const { result, replayed } = await withAfterCommit(() =>
      completeCheckout(db, { organizationId: ctx.tenant.id, mode: ctx.tenant.mode, slug }, payload, { request: ctx.request, locale: ctx.locale }),
    );
    // Top level, this cookie signs the buyer in; inside a third-party frame the browser drops it,
    // and the one-time link opens the portal top-level instead.
    const opened = await openCheckoutSession(db, { organizationId: ctx.tenant.id, result, replayed, request: ctx.request, replacesToken: await readSessionToken() });
    if (opened) await writeSessionCookie(opened.token, opened.session.absoluteExpiresAt);
    // `options` comes from the client: anything but `embed: true` is the top-level case (never a
    // TypeError after the purchase went through).
    const portalLink = options?.embed === true && opened ? await issueCheckoutPortalLink(db, { organizationId: ctx.tenant.id, portalUserId: result.portal_user_id, host: ctx.host }) : null;
    const line = result.payment.boleto?.digitable_line;
    return { ok: true, result, digitableLine: line ? formatDigitableLine(line) : null, portalLink, portalUrl: `${portalOrigin(ctx.ref, ctx.host)}/` };
  } catch (error) {
    return refusal(error, "purchase");
  }
}
