// /admin/<org>/catalog/plans — plans with their items: search, filters, pages; create
import type { Metadata } from "next";
import Link from "next/link";
import { cycleText, linkClass, priceTerms, rowClass } from "@/components/admin/catalog/format";
import { ListFilters } from "@/components/admin/catalog/list-filters";
import { CreatePlanForm } from "@/components/admin/catalog/plan-forms";
import { DataTable, ListProblem } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager, param } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { planGroupChoices, planListQuery, priceChoices, readPlans } from "@/lib/admin/catalog-lists";
import { queryValues } from "@/lib/admin/list-page";
import { CYCLE_CHOICES } from "@/lib/admin/catalog-plan-forms";
import { issuesToFields } from "@/lib/admin/form-state";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { createPlanAction } from "../actions";

export const metadata: Metadata = { title: "Plans" };

type Search = Record<string, string | string[] | undefined>;
const FILTERS = ["search", "status", "visibility"] as const;

export default async function PlansPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const staff = await requireStaff((await params).org, "business:read");
  const sp = await searchParams;
  const org = { organizationId: staff.organization.id };
  const base = `/admin/${staff.organization.slug}/catalog/plans`;
  const values = queryValues(sp, FILTERS);
  const cursor = param(sp, "cursor");
  const parsed = planListQuery.safeParse({ ...values, cursor });
  const list = parsed.success ? await unlessBadCursor(() => readPlans(getDb(), org, parsed.data)) : null;
  const errors = parsed.success ? {} : issuesToFields(parsed.error.issues);
  const mayWrite = can(staff.role, "business:write");
  const choices = await priceChoices(getDb(), org);
  const priceName = new Map(choices.map((c) => [c.price.id, `${c.product.name} — ${c.price.name}`]));
  const rows = list?.rows ?? [];
  const filtered = Object.keys(values).length > 0;
  return (
    <div className="space-y-6">
      <ListFilters
        action={base}
        label="Search plans"
        search={{ name: "search", label: "Name or slug", value: values.search, placeholder: "e.g. Pro" }}
        selects={[
          { name: "status", label: "Status", value: values.status, options: [{ value: "", label: "Active" }, { value: "archived", label: "Archived" }, { value: "all", label: "All" }] },
          { name: "visibility", label: "Visibility", value: values.visibility, options: [{ value: "", label: "Public and private" }, { value: "public", label: "Public" }, { value: "private", label: "Private" }] },
        ]}
        errors={errors}
      />
      <ListProblem message={(parsed.success && !list) || errors.cursor ? BAD_PAGE_LINK : null} />
      <DataTable
        caption={<>Plans, newest first <span className="font-normal text-slate-600">({staff.testMode ? "test mode" : "live mode"})</span></>}
        columns={["Plan", "Items", "Cycles", "Trial", "Visibility", "Status", "Created"]}
        empty={rows.length === 0 ? (filtered ? "No plan matches these filters." : `No plans yet${mayWrite ? ": create one below." : "."}`) : null}
      >
        {rows.map((p) => (
          <tr key={p.id} className={rowClass} data-testid="plan-row">
            <th scope="row" className={`${tdClass} font-medium`}>
              <Link href={`${base}/${p.id}`} className={linkClass}>{p.name}</Link>
              <div className="font-mono text-xs font-normal text-slate-600">{p.slug}</div>
            </th>
            <td className={`${tdClass} text-xs`}>
              {p.items.map((i) => <div key={i.id}>{i.quantity} × {priceName.get(i.priceId) ?? "(inactive price)"}{i.optional ? " (optional)" : ""}</div>)}
            </td>
            <td className={tdClass}>{p.billingCycles.map((c) => cycleText(c.interval, c.interval_count)).join(", ")}</td>
            <td className={tdClass}>{p.trialDays ? `${p.trialDays} days` : "—"}</td>
            <td className={tdClass}>{p.visibility === "public" ? "Public" : "Private"}</td>
            <td className={tdClass}>{p.status === "active" ? "Active" : "Archived"}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(p.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
      <Pager pathname={base} params={values} cursor={cursor} nextCursor={list?.nextCursor ?? null} label="Plans" />
      {mayWrite ? (
        <section aria-labelledby="create-plan-heading" className="space-y-3">
          <h2 id="create-plan-heading" className="text-lg font-semibold text-slate-900">Create a plan</h2>
          <CreatePlanForm
            action={createPlanAction.bind(null, staff.organization.slug)}
            base={base}
            cycles={CYCLE_CHOICES}
            groups={await planGroupChoices(getDb(), org)}
            options={choices.map((c) => ({ priceId: c.price.id, productName: c.product.name, priceName: c.price.name, terms: priceTerms(c.price), active: c.price.active }))}
          />
        </section>
      ) : (
        <p className="text-sm text-slate-600">Your role can view the catalog but not change it.</p>
      )}
    </div>
  );
}
