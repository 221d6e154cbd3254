import type { DbOrTx } from "@/db";
import { createPlanChangeRuleInput, updatePlanChangeRuleInput } from "@/lib/plans/change-rule-input";
import { createPlanChangeRule, deletePlanChangeRule, updatePlanChangeRule } from "@/lib/plans/change-rules";
import { amountReader, catalogFailure, catalogIssues, catalogRefusal, countOrBlank } from "./catalog-form-kit";
import { checked, echoValues, errorState, idOf, INVALID_MESSAGE, optionalText, successState, type AdminFormState, type OrgScope } from "./form-state";

// Plan change rules: POST/PATCH/DELETE /plan_change_rules's inputs, schemas and functions.
// The bonus discount is typed as a percent ("10") with its months; both blank = no bonus.
const text = (form: FormData, name: string) => String(form.get(name) ?? "");

function ruleInput(form: FormData, amounts: ReturnType<typeof amountReader>) {
  const percent = amounts.read("bonus_discount.percent_bps", 2);
  const months = countOrBlank(form, "bonus_discount.months");
  return {
    from_plan_id: text(form, "from_plan_id"),
    to_plan_id: text(form, "to_plan_id"),
    change_type: text(form, "change_type"),
    proration_method: text(form, "proration_method"),
    timing: text(form, "timing"),
    bonus_discount: percent === undefined && months === undefined ? null : { percent_bps: percent, months },
    bonus_days: countOrBlank(form, "bonus_days") ?? 0,
    priority: countOrBlank(form, "priority") ?? 0,
    is_active: checked(form, "is_active"),
    message: optionalText(form, "message"),
  };
}

function invalid(prev: AdminFormState, issues: Parameters<typeof catalogIssues>[0] | null, problems: Record<string, string>, values: Record<string, string>) {
  const fields = { ...(issues ? catalogIssues(issues) : {}), ...problems };
  return Object.keys(fields).length > 0 ? errorState(prev, INVALID_MESSAGE, fields, values) : null;
}

export async function createChangeRuleForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const amounts = amountReader(form);
  const parsed = createPlanChangeRuleInput.safeParse(ruleInput(form, amounts));
  const refusal = invalid(prev, parsed.success ? null : parsed.error.issues, amounts.problems, values);
  if (refusal || !parsed.success) return refusal!;
  try {
    const rule = await createPlanChangeRule(db, org, parsed.data);
    return successState(prev, "Plan change rule created.", { created_id: rule.id });
  } catch (error) {
    return catalogFailure(prev, error, values);
  }
}

export async function updateChangeRuleForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const amounts = amountReader(form);
  // A plan left as it was is not sent (as a PATCH would): a rule to a plan archived since stays editable.
  const input: Partial<ReturnType<typeof ruleInput>> = ruleInput(form, amounts);
  for (const side of ["from_plan_id", "to_plan_id"] as const) if (input[side] === text(form, `saved_${side}`)) delete input[side];
  const parsed = updatePlanChangeRuleInput.safeParse(input);
  const refusal = invalid(prev, parsed.success ? null : parsed.error.issues, amounts.problems, values);
  if (refusal || !parsed.success) return refusal!;
  try {
    await updatePlanChangeRule(db, { organizationId: org.organizationId, id: idOf(form) }, parsed.data);
    return successState(prev, "Plan change rule saved.");
  } catch (error) {
    return catalogRefusal(prev, error, "plan change rule", values);
  }
}

export async function deleteChangeRuleForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  try {
    await deletePlanChangeRule(db, { organizationId: org.organizationId, id: idOf(form) });
    return successState(prev, "Plan change rule deleted.", { deleted: "plan change rule" });
  } catch (error) {
    return catalogRefusal(prev, error, "plan change rule");
  }
}
