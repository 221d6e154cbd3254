import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { prices } from "@/db/schema";
import { createPlanInput, replacePlanItemsInput, updatePlanInput } from "@/lib/plans/plan-input";
import { createPlan, deletePlan, replacePlanItems, updatePlan } from "@/lib/plans/plans";
import { catalogFailure, catalogIssues, catalogRefusal, countOrBlank } from "./catalog-form-kit";
import { echoValues, errorState, idOf, INVALID_MESSAGE, optionalText, successState, type AdminFormState, type OrgScope } from "./form-state";

// Plans and their items: the forms read into POST /plans, PATCH /plans/:id and
// PUT /plans/:id/items's inputs, validated by the same schemas, saved by the same functions.

/** The cycles offered as checkboxes, as "interval/count". */
export const CYCLE_CHOICES = [
  { value: "month/1", label: "Monthly" },
  { value: "month/3", label: "Every 3 months (quarterly)" },
  { value: "month/6", label: "Every 6 months (semi-annual)" },
  { value: "year/1", label: "Yearly" },
  { value: "year/2", label: "Every 2 years" },
] as const;

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

function readCycles(form: FormData) {
  return form.getAll("billing_cycles").map(String).map((v) => {
    const [interval = "", count = ""] = v.split("/");
    return { interval, interval_count: Number(count) || count };
  });
}

/**
 * The items picker: a checkbox `items` per price (value: the price id), in display order, with
 * `quantity.<price id>` and `optional.<price id>` next to it.
 */
function readItems(form: FormData) {
  return form.getAll("items").map(String).map((priceId) => ({
    price_id: priceId,
    quantity: countOrBlank(form, `quantity.${priceId}`),
    optional: form.get(`optional.${priceId}`) === "on",
  }));
}

/** "Item 2 (price_id): …" -> "“Pro mensal”: …", naming the price the staff member picked. */
async function nameItems(db: DbOrTx, org: OrgScope, fields: Record<string, string>, items: Array<{ price_id: string }>) {
  const message = fields.items;
  const match = message ? /^Item (\d+)(?: \([^)]*\))?: /.exec(message) : null;
  if (!message || !match) return fields;
  const priceId = items[Number(match[1]) - 1]?.price_id;
  const ids = priceId && /^[0-9a-f-]{36}$/i.test(priceId) ? [priceId] : [];
  const [row] = ids.length ? await db.select({ name: prices.name }).from(prices).where(and(eq(prices.organizationId, org.organizationId), inArray(prices.id, ids))) : [];
  return row ? { ...fields, items: `“${row.name}”: ${message.slice(match[0].length)}` } : fields;
}

const planFields = (form: FormData) => ({
  name: text(form, "name"),
  slug: text(form, "slug"),
  description: optionalText(form, "description"),
  trial_days: countOrBlank(form, "trial_days"),
  visibility: text(form, "visibility"),
  plan_group_id: optionalText(form, "plan_group_id"),
  billing_cycles: readCycles(form),
});

export async function createPlanForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const items = readItems(form);
  const parsed = createPlanInput.safeParse({ ...planFields(form), items });
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, await nameItems(db, org, catalogIssues(parsed.error.issues), items), values);
  try {
    const plan = await createPlan(db, org, parsed.data);
    return successState(prev, `Plan “${plan.name}” created.`, { created_id: plan.id });
  } catch (error) {
    const state = catalogFailure(prev, error, values);
    return { ...state, fields: await nameItems(db, org, state.fields, items) };
  }
}

export async function updatePlanForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const parsed = updatePlanInput.safeParse(planFields(form));
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, catalogIssues(parsed.error.issues), values);
  try {
    const plan = await updatePlan(db, { organizationId: org.organizationId, id: idOf(form) }, parsed.data);
    return successState(prev, `Plan “${plan.name}” saved.`);
  } catch (error) {
    return catalogRefusal(prev, error, "plan", values);
  }
}

/** PUT /plans/:id/items: the whole set at once, or nothing. */
export async function replacePlanItemsForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const items = readItems(form);
  const parsed = replacePlanItemsInput.safeParse({ items });
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, await nameItems(db, org, catalogIssues(parsed.error.issues), items), values);
  try {
    const plan = await replacePlanItems(db, { organizationId: org.organizationId, id: idOf(form) }, parsed.data.items);
    return successState(prev, `Items saved: the plan has ${plan.items.length} item${plan.items.length === 1 ? "" : "s"}.`);
  } catch (error) {
    const state = catalogRefusal(prev, error, "plan", values);
    return { ...state, fields: await nameItems(db, org, state.fields, items) };
  }
}

/** DELETE /plans/:id: deleted when nothing refers to it, else archived. */
export async function archivePlanForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  try {
    const outcome = await deletePlan(db, { organizationId: org.organizationId, id: idOf(form) });
    if (outcome.deleted) return successState(prev, "Plan deleted: nothing referred to it.", { deleted: "plan" });
    return successState(prev, "Plan archived: subscriptions or change rules refer to it, so it was kept, off sale and read-only.");
  } catch (error) {
    return catalogRefusal(prev, error, "plan");
  }
}

/** The checkbox choices plus any cycle a plan already has that they lack (an API-made "every 2 months"). */
export function cycleChoicesWith(saved: string[]) {
  const extra = saved.filter((v) => !CYCLE_CHOICES.some((c) => c.value === v)).map((v) => {
    const [interval, count] = v.split("/");
    return { value: v, label: `Every ${count} ${interval}s` };
  });
  return [...CYCLE_CHOICES, ...extra];
}
