// /admin/<org>/catalog/plan-change-rules/<id> — a plan change rule: edit, delete
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { linkClass } from "@/components/admin/catalog/format";
import { RowAction } from "@/components/admin/catalog/row-action";
import { RuleForm } from "@/components/admin/catalog/rule-form";
import { when } from "@/components/admin/table/format";
import { getDb } from "@/db";
import { catalogNames } from "@/lib/admin/catalog-lists";
import { rowOrNull } from "@/lib/admin/list-page";
import { amountText } from "@/lib/admin/money-input";
import { getPlanChangeRuleOrThrow } from "@/lib/plans/change-rules";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../../staff";
import { deleteChangeRuleAction, updateChangeRuleAction } from "../../actions";

export const metadata: Metadata = { title: "Plan change rule" };

export default async function PlanChangeRulePage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const staff = await requireStaff(slug, "business:read");
  const org = { organizationId: staff.organization.id };
  const rule = await rowOrNull(id, (rid) => getPlanChangeRuleOrThrow(getDb(), { ...org, id: rid }));
  if (!rule) notFound();
  const names = await catalogNames(getDb(), org);
  const planName = (pid: string) => names.plans.find((p) => p.id === pid)?.name ?? pid;
  const mayWrite = can(staff.role, "business:write");
  const s = staff.organization.slug;
  const base = `/admin/${s}/catalog/plan-change-rules`;
  return (
    <div className="space-y-8">
      <p className="text-sm"><Link href={base} className={linkClass}>← Plan change rules</Link></p>
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{planName(rule.fromPlanId)} → {planName(rule.toPlanId)}</h2>
        <p className="text-sm text-slate-700">{rule.changeType}, {rule.isActive ? "active" : "inactive"}, priority {rule.priority}. Created {when(rule.createdAt)}.</p>
        {rule.message ? <p className="text-sm text-slate-700">Message: “{rule.message}”</p> : null}
      </header>
      {mayWrite ? (
        <>
          <section aria-labelledby="edit-rule-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="edit-rule-heading" className="text-base font-semibold text-slate-900">Edit rule</h2>
            <RuleForm
              action={updateChangeRuleAction.bind(null, s)}
              id={rule.id}
              submitLabel="Save rule"
              plans={names.plans.filter((p) => p.status === "active" || p.id === rule.fromPlanId || p.id === rule.toPlanId)}
              saved={{
                from_plan_id: rule.fromPlanId, to_plan_id: rule.toPlanId, change_type: rule.changeType, proration_method: rule.prorationMethod, timing: rule.timing,
                "bonus_discount.percent_bps": rule.bonusDiscountPercentBps !== null ? amountText(rule.bonusDiscountPercentBps, 2) : "",
                "bonus_discount.months": rule.bonusDiscountMonths?.toString() ?? "", bonus_days: String(rule.bonusDays), priority: String(rule.priority), is_active: rule.isActive, message: rule.message ?? "",
              }}
            />
          </section>
          <RowAction action={deleteChangeRuleAction.bind(null, s)} fields={{ id: rule.id }} label="Delete rule" pendingLabel="Deleting…" variant="danger" backHref={base} backLabel="Back to plan change rules"
            confirm="Delete this rule? Changes between these plans then follow your other rules (or the defaults)." />
        </>
      ) : (
        <p className="text-sm text-slate-600">Your role can view the catalog but not change it.</p>
      )}
    </div>
  );
}
