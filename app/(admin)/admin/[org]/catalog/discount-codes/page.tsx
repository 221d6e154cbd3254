// /admin/<org>/catalog/discount-codes — discount codes: find by code, filter by status, pages; create
import type { Metadata } from "next";
import Link from "next/link";
import { discountText, linkClass, rowClass } from "@/components/admin/catalog/format";
import { ListFilters } from "@/components/admin/catalog/list-filters";
import { CreateDiscountCodeForm } from "@/components/admin/catalog/promo-forms";
import { DataTable, ListProblem } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager, param } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { discountCodeListQuery, readDiscountCodes } from "@/lib/admin/catalog-lists";
import { queryValues } from "@/lib/admin/list-page";
import { issuesToFields } from "@/lib/admin/form-state";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { createDiscountCodeAction } from "../actions";

export const metadata: Metadata = { title: "Discount codes" };

type Search = Record<string, string | string[] | undefined>;
const FILTERS = ["code", "status"] as const;


export default async function DiscountCodesPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const staff = await requireStaff((await params).org, "business:read");
  const sp = await searchParams;
  const org = { organizationId: staff.organization.id };
  const base = `/admin/${staff.organization.slug}/catalog/discount-codes`;
  const values = queryValues(sp, FILTERS);
  const cursor = param(sp, "cursor");
  const parsed = discountCodeListQuery.safeParse({ ...values, cursor });
  const list = parsed.success ? await unlessBadCursor(() => readDiscountCodes(getDb(), org, parsed.data)) : null;
  const errors = parsed.success ? {} : issuesToFields(parsed.error.issues);
  const mayWrite = can(staff.role, "business:write");
  const rows = list?.rows ?? [];
  return (
    <div className="space-y-6">
      <ListFilters
        action={base}
        label="Search discount codes"
        search={{ name: "code", label: "Code (exact, any case)", value: values.code, placeholder: "e.g. BLACKFRIDAY" }}
        selects={[{ name: "status", label: "Status", value: values.status, options: [{ value: "", label: "Active" }, { value: "archived", label: "Archived" }, { value: "all", label: "All" }] }]}
        errors={errors}
      />
      <ListProblem message={(parsed.success && !list) || errors.cursor ? BAD_PAGE_LINK : null} />
      <DataTable
        caption={<>Discount codes, newest first <span className="font-normal text-slate-600">({staff.testMode ? "test mode" : "live mode"})</span></>}
        columns={["Code", "Discount", "Redeemed", "Expires", "Status", "Created"]}
        empty={rows.length === 0 ? (Object.keys(values).length ? "No discount code matches these filters." : "No discount codes yet.") : null}
      >
        {rows.map((d) => (
          <tr key={d.id} className={rowClass} data-testid="discount-code-row">
            <th scope="row" className={`${tdClass} font-medium`}><Link href={`${base}/${d.id}`} className={`${linkClass} font-mono`}>{d.code}</Link></th>
            <td className={tdClass}>{discountText(d)}</td>
            <td className={tdClass}>{d.timesRedeemed}{d.maxRedemptions !== null ? ` of ${d.maxRedemptions}` : ""}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{d.expiresAt ? when(d.expiresAt) : "Never"}</td>
            <td className={tdClass}>{d.status === "active" ? "Active" : "Archived"}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(d.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
      <Pager pathname={base} params={values} cursor={cursor} nextCursor={list?.nextCursor ?? null} label="Discount codes" />
      {mayWrite ? (
        <section aria-labelledby="create-code-heading" className="space-y-3">
          <h2 id="create-code-heading" className="text-lg font-semibold text-slate-900">Create a discount code</h2>
          <CreateDiscountCodeForm action={createDiscountCodeAction.bind(null, staff.organization.slug)} base={base} />
        </section>
      ) : (
        <p className="text-sm text-slate-600">Your role can view the catalog but not change it.</p>
      )}
    </div>
  );
}
