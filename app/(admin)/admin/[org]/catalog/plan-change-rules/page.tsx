// /admin/<org>/catalog/plan-change-rules — what happens when a subscriber moves between plans: filters, pages; create
import type { Metadata } from "next";
import Link from "next/link";
import { linkClass, percentText, rowClass } from "@/components/admin/catalog/format";
import { ListFilters } from "@/components/admin/catalog/list-filters";
import { NEW_RULE, RuleForm } from "@/components/admin/catalog/rule-form";
import { DataTable, ListProblem } from "@/components/admin/table/data-table";
import { tdClass } from "@/components/admin/table/format";
import { Pager, param } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { catalogNames, changeRuleListQuery, readChangeRules } from "@/lib/admin/catalog-lists";
import { queryValues } from "@/lib/admin/list-page";
import { issuesToFields } from "@/lib/admin/form-state";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { createChangeRuleAction } from "../actions";

export const metadata: Metadata = { title: "Plan change rules" };

type Search = Record<string, string | string[] | undefined>;
const FILTERS = ["from_plan_id", "to_plan_id", "is_active"] as const;
const WORDS: Record<string, string> = {
  prorate_immediately: "prorated now", credit_unused: "unused part credited", none: "no adjustment", charge_full: "full price charged",
  immediate: "immediately", end_of_cycle: "at the end of the cycle",
};

export default async function PlanChangeRulesPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const staff = await requireStaff((await params).org, "business:read");
  const sp = await searchParams;
  const org = { organizationId: staff.organization.id };
  const base = `/admin/${staff.organization.slug}/catalog/plan-change-rules`;
  const values = queryValues(sp, FILTERS);
  const cursor = param(sp, "cursor");
  const parsed = changeRuleListQuery.safeParse({ ...values, cursor });
  const list = parsed.success ? await unlessBadCursor(() => readChangeRules(getDb(), org, parsed.data)) : null;
  const errors = parsed.success ? {} : issuesToFields(parsed.error.issues);
  const mayWrite = can(staff.role, "business:write");
  const names = await catalogNames(getDb(), org);
  const planName = (id: string) => names.plans.find((p) => p.id === id)?.name ?? id;
  const planOptions = [{ value: "", label: "Any plan" }, ...names.plans.map((p) => ({ value: p.id, label: p.name }))];
  const rows = list?.rows ?? [];
  return (
    <div className="space-y-6">
      <ListFilters
        action={base}
        label="Filter plan change rules"
        selects={[
          { name: "from_plan_id", label: "From plan", value: values.from_plan_id, options: planOptions },
          { name: "to_plan_id", label: "To plan", value: values.to_plan_id, options: planOptions },
          { name: "is_active", label: "State", value: values.is_active, options: [{ value: "", label: "Active and inactive" }, { value: "true", label: "Active" }, { value: "false", label: "Inactive" }] },
        ]}
        errors={errors}
      />
      <ListProblem message={(parsed.success && !list) || errors.cursor ? BAD_PAGE_LINK : null} />
      <DataTable
        caption={<>Plan change rules, newest first <span className="font-normal text-slate-600">({staff.testMode ? "test mode" : "live mode"})</span></>}
        columns={["Change", "Type", "Billing", "Bonus", "Priority", "State"]}
        empty={rows.length === 0 ? (Object.keys(values).length ? "No rule matches these filters." : "No plan change rules yet.") : null}
      >
        {rows.map((r) => (
          <tr key={r.id} className={rowClass} data-testid="rule-row">
            <th scope="row" className={`${tdClass} font-medium`}><Link href={`${base}/${r.id}`} className={linkClass}>{planName(r.fromPlanId)} → {planName(r.toPlanId)}</Link></th>
            <td className={tdClass}>{r.changeType}</td>
            <td className={tdClass}>{WORDS[r.prorationMethod]}, {WORDS[r.timing]}</td>
            <td className={`${tdClass} text-xs`}>
              {r.bonusDiscountPercentBps !== null ? <div>{percentText(r.bonusDiscountPercentBps)} off for {r.bonusDiscountMonths} months</div> : null}
              {r.bonusDays ? <div>{r.bonusDays} free days</div> : null}
              {r.bonusDiscountPercentBps === null && !r.bonusDays ? "—" : null}
            </td>
            <td className={tdClass}>{r.priority}</td>
            <td className={tdClass}>{r.isActive ? "Active" : "Inactive"}</td>
          </tr>
        ))}
      </DataTable>
      <Pager pathname={base} params={values} cursor={cursor} nextCursor={list?.nextCursor ?? null} label="Plan change rules" />
      {mayWrite ? (
        <section aria-labelledby="create-rule-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="create-rule-heading" className="text-base font-semibold text-slate-900">Create a rule</h2>
          <RuleForm action={createChangeRuleAction.bind(null, staff.organization.slug)} plans={names.plans.filter((p) => p.status === "active")} saved={NEW_RULE} submitLabel="Create rule" />
        </section>
      ) : (
        <p className="text-sm text-slate-600">Your role can view the catalog but not change it.</p>
      )}
    </div>
  );
}
