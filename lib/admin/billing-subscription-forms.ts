import type { DbOrTx } from "@/db";
import type { StaffContext } from "@/lib/staff/access";
import { createSubscription } from "@/lib/subscriptions/create";
import { createSubscriptionInput } from "@/lib/subscriptions/input";
import { cancelSubscription, pauseSubscription, reactivateSubscription, resumeSubscription } from "@/lib/subscriptions/lifecycle";
import { cancelSubscriptionInput, pauseSubscriptionInput } from "@/lib/subscriptions/lifecycle-input";
import { actionRefused } from "./billing-errors";
import { failureState } from "./form-errors";
import { echoValues, errorState, idOf, integer, INVALID_MESSAGE, issuesToFields, optionalText, successState, type AdminFormState, type OrgScope } from "./form-state";

// The Subscriptions screens' forms: the API's lifecycle actions (cancel now or at period end,
// pause, resume, reactivate) and create, through the same schemas and services. The version
// history records the staff member as the actor ("staff:<user id>").
type Handler = (db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState, staff: StaffContext) => Promise<AdminFormState>;
const writer = (org: OrgScope, staff: StaffContext) => ({ ...org, actor: `staff:${staff.userId}` });

/** A date input ("2026-12-01") as the API's instant (midnight UTC); anything else is left for zod to name. */
function dayAsInstant(form: FormData, name: string): string | undefined {
  const raw = optionalText(form, name);
  if (raw === null) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw;
}

export const cancelSubscriptionForm: Handler = async (db, org, form, prev, staff) => {
  const values = echoValues(form);
  const when = form.get("at_period_end");
  if (when !== "true" && when !== "false") return errorState(prev, INVALID_MESSAGE, { at_period_end: "choose when the subscription ends" }, values);
  const parsed = cancelSubscriptionInput.safeParse({ at_period_end: when === "true", cancellation_reason: optionalText(form, "cancellation_reason") ?? undefined });
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
  try {
    await cancelSubscription(db, { ...writer(org, staff), id: idOf(form) }, parsed.data);
    return successState(prev, parsed.data.at_period_end ? "The subscription will end at the end of its current period." : "Subscription canceled: it has ended now.");
  } catch (error) {
    return actionRefused(prev, error, "subscription", ["at_period_end", "cancellation_reason", "resume_at"], values);
  }
};

export const pauseSubscriptionForm: Handler = async (db, org, form, prev, staff) => {
  const values = echoValues(form);
  const parsed = pauseSubscriptionInput.safeParse({ resume_at: dayAsInstant(form, "resume_at") });
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
  try {
    await pauseSubscription(db, { ...writer(org, staff), id: idOf(form) }, parsed.data);
    return successState(prev, parsed.data.resume_at ? "Subscription paused: billing resumes by itself on the chosen date." : "Subscription paused: nothing is billed until it is resumed.");
  } catch (error) {
    return actionRefused(prev, error, "subscription", ["at_period_end", "cancellation_reason", "resume_at"], values);
  }
};

export const resumeSubscriptionForm: Handler = async (db, org, form, prev, staff) => {
  try {
    await resumeSubscription(db, { ...writer(org, staff), id: idOf(form) });
    return successState(prev, "Subscription resumed: a new period starts now and is invoiced.");
  } catch (error) {
    return actionRefused(prev, error, "subscription");
  }
};

export const reactivateSubscriptionForm: Handler = async (db, org, form, prev, staff) => {
  try {
    await reactivateSubscription(db, { ...writer(org, staff), id: idOf(form) });
    return successState(prev, "The scheduled cancellation was removed: the subscription renews as usual.");
  } catch (error) {
    return actionRefused(prev, error, "subscription");
  }
};

/**
 * POST /subscriptions: customer, plan, billing cycle (one of the plan's), optional trial days and
 * coupon. The new subscription's id is returned as `values.id`, so the page can link to it.
 */
export const createSubscriptionForm: Handler = async (db, org, form, prev, staff) => {
  const values = echoValues(form);
  // The cycle is chosen as one option, "month:1" (the plan's cycles); errors under its parts show under it.
  const [interval, count] = (optionalText(form, "billing_cycle") ?? "").split(":");
  const trial = optionalText(form, "trial_days");
  const input = {
    billing_account_id: optionalText(form, "billing_account_id") ?? "",
    plan_id: optionalText(form, "plan_id") ?? undefined,
    billing_cycle: interval ? { interval, interval_count: /^\d{1,3}$/.test(count ?? "") ? Number(count) : count } : undefined,
    trial_days: trial === null ? undefined : integer(form, "trial_days"),
    coupon: optionalText(form, "coupon") ?? undefined,
    quantities: quantitiesOf(form),
  };
  const parsed = createSubscriptionInput.safeParse(input);
  if (!parsed.success) {
    const fields = cycleField(issuesToFields(parsed.error.issues));
    if (fields.billing_account_id && !values.billing_account_id) fields.billing_account_id = "choose a customer";
    if (fields.plan_id && !values.plan_id) fields.plan_id = "choose a plan";
    return errorState(prev, INVALID_MESSAGE, fields, values);
  }
  try {
    const sub = await createSubscription(db, writer(org, staff), parsed.data);
    return successState(prev, "Subscription created.", { id: sub.id });
  } catch (error) {
    const state = failureState(prev, error, values);
    return { ...state, fields: cycleField(state.fields) };
  }
};

/** `quantities.<price_id>` inputs as the API's `quantities` record (text that is not a whole number is left for zod to name). */
function quantitiesOf(form: FormData): Record<string, number | string> | undefined {
  const entries = [...form.keys()].filter((k) => k.startsWith("quantities.")).map((k) => [k.slice("quantities.".length), integer(form, k)] as const);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

const cycleField = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([name, message]) => [name.startsWith("billing_cycle.") ? "billing_cycle" : name, message]));
