// /admin/<org>/catalog/plans/<id> — a plan: items, cycles, checkout address; edit, replace items, archive
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cycleText, linkClass, priceTerms, rowClass, statusBadge } from "@/components/admin/catalog/format";
import { EditPlanForm, PlanItemsForm } from "@/components/admin/catalog/plan-forms";
import { RowAction } from "@/components/admin/catalog/row-action";
import { DataTable } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { getDb } from "@/db";
import { planGroupChoices, priceChoices } from "@/lib/admin/catalog-lists";
import { rowOrNull } from "@/lib/admin/list-page";
import { cycleChoicesWith } from "@/lib/admin/catalog-plan-forms";
import { checkoutUrl } from "@/lib/checkout/snippet";
import { getPlanWithItemsOrThrow } from "@/lib/plans/plans";
import { portalOrigin } from "@/lib/portal-auth/links";
import { getTenantRef } from "@/lib/portal-auth/tenant-ref";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../../staff";
import { archivePlanAction, replacePlanItemsAction, updatePlanAction } from "../../actions";

export const metadata: Metadata = { title: "Plan" };

export default async function PlanPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const staff = await requireStaff(slug, "business:read");
  const org = { organizationId: staff.organization.id };
  const plan = await rowOrNull(id, (pid) => getPlanWithItemsOrThrow(getDb(), { ...org, id: pid }));
  if (!plan) notFound();
  const choices = await priceChoices(getDb(), org, plan.items.map((i) => i.priceId));
  const byPrice = new Map(choices.map((c) => [c.price.id, c]));
  const checkout = checkoutUrl(portalOrigin(await getTenantRef(getDb(), org.organizationId)), plan.slug);
  const mayWrite = can(staff.role, "business:write");
  const editable = mayWrite && plan.status === "active";
  const s = staff.organization.slug;
  const base = `/admin/${s}/catalog/plans`;
  const savedCycles = plan.billingCycles.map((c) => `${c.interval}/${c.interval_count}`);
  const onSale = plan.status === "active" && plan.visibility === "public";
  return (
    <div className="space-y-8">
      <p className="text-sm"><Link href={base} className={linkClass}>← Plans</Link></p>
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{plan.name} <span className={statusBadge(plan.status === "active")}>{plan.status === "active" ? "Active" : "Archived"}</span></h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">Slug</dt><dd className="font-mono">{plan.slug}</dd>
          <dt className="font-medium">Public checkout</dt>
          <dd>{onSale ? <a href={checkout} className={`${linkClass} break-all font-mono text-xs`}>{checkout}</a> : <span>Not on sale ({plan.status === "archived" ? "archived" : "private: offered by link or API only"}) — <span className="font-mono text-xs">{checkout}</span></span>}</dd>
          <dt className="font-medium">Billing cycles</dt><dd>{plan.billingCycles.map((c) => cycleText(c.interval, c.interval_count)).join(", ")}</dd>
          <dt className="font-medium">Trial</dt><dd>{plan.trialDays ? `${plan.trialDays} days` : "None"}</dd>
          <dt className="font-medium">Visibility</dt><dd>{plan.visibility === "public" ? "Public" : "Private"}</dd>
          <dt className="font-medium">Description</dt><dd>{plan.description ?? "—"}</dd>
          <dt className="font-medium">Created</dt><dd>{when(plan.createdAt)}</dd>
          <dt className="font-medium">Id</dt><dd className="font-mono text-xs">{plan.id}</dd>
        </dl>
      </header>

      <DataTable caption="Items, in display order" columns={["Product and price", "Terms", "Quantity", "Optional"]} empty={plan.items.length === 0 ? "No items." : null}>
        {plan.items.map((i) => {
          const c = byPrice.get(i.priceId);
          return (
            <tr key={i.id} className={rowClass} data-testid="plan-item-row">
              <th scope="row" className={`${tdClass} font-medium`}>
                {c ? <Link href={`/admin/${s}/catalog/products/${c.product.id}`} className={linkClass}>{c.product.name}</Link> : null} — {c?.price.name ?? i.priceId}
              </th>
              <td className={tdClass}>{c ? priceTerms(c.price) : "—"}</td>
              <td className={tdClass}>{i.quantity}</td>
              <td className={tdClass}>{i.optional ? "Yes (add-on)" : "No"}</td>
            </tr>
          );
        })}
      </DataTable>

      {editable ? (
        <>
          <section aria-labelledby="items-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="items-heading" className="text-base font-semibold text-slate-900">Replace items</h2>
            <PlanItemsForm
              action={replacePlanItemsAction.bind(null, s)}
              id={plan.id}
              items={plan.items.map((i) => ({ priceId: i.priceId, quantity: i.quantity, optional: i.optional }))}
              options={choices.map((c) => ({ priceId: c.price.id, productName: c.product.name, priceName: c.price.name, terms: priceTerms(c.price), active: c.price.active }))}
            />
          </section>
          <section aria-labelledby="edit-plan-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="edit-plan-heading" className="text-base font-semibold text-slate-900">Edit plan</h2>
            <EditPlanForm
              action={updatePlanAction.bind(null, s)}
              id={plan.id}
              cycles={cycleChoicesWith(savedCycles)}
              groups={await planGroupChoices(getDb(), org)}
              saved={{ name: plan.name, slug: plan.slug, description: plan.description ?? "", trial_days: String(plan.trialDays), visibility: plan.visibility, plan_group_id: plan.planGroupId ?? "", billing_cycles: savedCycles }}
            />
          </section>
          <section aria-labelledby="archive-plan-heading" className="space-y-2">
            <h2 id="archive-plan-heading" className="text-base font-semibold text-slate-900">Archive or delete</h2>
            <RowAction action={archivePlanAction.bind(null, s)} fields={{ id: plan.id }} label="Archive plan" pendingLabel="Archiving…" variant="danger" backHref={base} backLabel="Back to plans"
              confirm="A plan nothing refers to is deleted. One that subscriptions or change rules refer to is archived: kept, off sale and read-only." />
          </section>
        </>
      ) : !mayWrite ? (
        <p className="text-sm text-slate-600">Your role can view the catalog but not change it.</p>
      ) : (
        <p className="text-sm text-slate-600">This plan is archived: it can no longer be changed.</p>
      )}
    </div>
  );
}
