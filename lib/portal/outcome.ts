import { ApiError } from "@/lib/api/errors";
import type { SubscriptionWriter } from "@/lib/subscriptions/versions";
import type { PortalActor } from "./account";
import { can, type PortalPermission } from "./permissions";

// How the portal's self-service sections (subscriptions, payment methods, products, usage,
// proposals) act for the signed-in user (PortalActor, ./account.ts), and how their actions answer.

/** Who writes: the tenant and mode the services need, and the portal user recorded as the actor. */
export const writerOf = (actor: PortalActor): SubscriptionWriter => ({
  organizationId: actor.tenant.id,
  mode: actor.tenant.mode,
  actor: `portal_user:${actor.user.id}`,
});

/**
 * Why an action was refused, as the page words it. The services' API messages are English and
 * name API fields; the portal shows its own words for each code, in the viewer's locale.
 */
export type PortalErrorCode =
  | "forbidden"
  | "not_found"
  | "invalid"
  | "no_change"
  | "amount_changed"
  | "period_ended"
  | "state_conflict"
  | "expired"
  | "last_method"
  | "card_declined"
  | "offer_changed"
  | "failed";

export type PortalFailure = { ok: false; error: PortalErrorCode; param: string | null; detail: string };
export type PortalResult<T> = { ok: true; value: T } | PortalFailure;

export const fail = (error: PortalErrorCode, detail = "", param: string | null = null): PortalFailure => ({ ok: false, error, param, detail });

/** A service's ApiError as a portal failure; anything else is a bug and is rethrown. */
export function toFailure(error: unknown): PortalFailure {
  if (!(error instanceof ApiError)) throw error;
  const { code, param, message } = error;
  if (code === "resource_missing" || code === "reference_not_found") return fail(param === "token" ? "card_declined" : "not_found", message, param);
  if (code === "validation_failed") {
    if (message.includes("already has this plan, cycle and items")) return fail("no_change", message, param);
    if (param === "token") return fail("card_declined", message, param);
    return fail("invalid", message, param);
  }
  if (code === "resource_conflict" || code === "resource_archived") {
    if (param === "expected_amount_due_now_cents") return fail("amount_changed", message, param);
    if (param === "current_period_end") return fail("period_ended", message, param);
    if (param === "valid_until") return fail("expired", message, param);
    if (param === "plan_id") return fail("offer_changed", message, param);
    return fail("state_conflict", message, param);
  }
  return fail("failed", message, param);
}

/**
 * Runs a portal action: refuses a role without the permission (checked here, on the server,
 * whatever the page showed), and turns the services' refusals into failures the page can word.
 */
export async function guarded<T>(actor: PortalActor, permission: PortalPermission | null, run: () => Promise<PortalResult<T>>): Promise<PortalResult<T>> {
  if (permission && !can(actor.user.role, permission)) return fail("forbidden");
  try {
    return await run();
  } catch (error) {
    return toFailure(error);
  }
}

export const ok = <T>(value: T): PortalResult<T> => ({ ok: true, value });
