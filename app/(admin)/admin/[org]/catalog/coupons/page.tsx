// /admin/<org>/catalog/coupons — coupons: find by code, filter by status, pages; create
import type { Metadata } from "next";
import Link from "next/link";
import { cents, linkClass, percentText, rowClass } from "@/components/admin/catalog/format";
import { ListFilters } from "@/components/admin/catalog/list-filters";
import { CreateCouponForm } from "@/components/admin/catalog/promo-forms";
import { DataTable, ListProblem } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager, param } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { catalogNames, couponListQuery, readCoupons } from "@/lib/admin/catalog-lists";
import { queryValues } from "@/lib/admin/list-page";
import { issuesToFields } from "@/lib/admin/form-state";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { createCouponAction } from "../actions";

export const metadata: Metadata = { title: "Coupons" };

type Search = Record<string, string | string[] | undefined>;
const FILTERS = ["code", "status"] as const;

export default async function CouponsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const staff = await requireStaff((await params).org, "business:read");
  const sp = await searchParams;
  const org = { organizationId: staff.organization.id };
  const base = `/admin/${staff.organization.slug}/catalog/coupons`;
  const values = queryValues(sp, FILTERS);
  const cursor = param(sp, "cursor");
  const parsed = couponListQuery.safeParse({ ...values, cursor });
  const list = parsed.success ? await unlessBadCursor(() => readCoupons(getDb(), org, parsed.data)) : null;
  const errors = parsed.success ? {} : issuesToFields(parsed.error.issues);
  const mayWrite = can(staff.role, "business:write");
  const names = mayWrite ? await catalogNames(getDb(), org) : null;
  const rows = list?.rows ?? [];
  return (
    <div className="space-y-6">
      <ListFilters
        action={base}
        label="Search coupons"
        search={{ name: "code", label: "Code (exact, any case)", value: values.code, placeholder: "e.g. WELCOME10" }}
        selects={[{ name: "status", label: "Status", value: values.status, options: [{ value: "", label: "Active" }, { value: "archived", label: "Archived" }, { value: "all", label: "All" }] }]}
        errors={errors}
      />
      <ListProblem message={(parsed.success && !list) || errors.cursor ? BAD_PAGE_LINK : null} />
      <DataTable
        caption={<>Coupons, newest first <span className="font-normal text-slate-600">({staff.testMode ? "test mode" : "live mode"})</span></>}
        columns={["Code", "Discount", "Used", "Valid", "Status", "Created"]}
        empty={rows.length === 0 ? (Object.keys(values).length ? "No coupon matches these filters." : "No coupons yet.") : null}
      >
        {rows.map((c) => (
          <tr key={c.id} className={rowClass} data-testid="coupon-row">
            <th scope="row" className={`${tdClass} font-medium`}>
              <Link href={`${base}/${c.id}`} className={`${linkClass} font-mono`}>{c.code}</Link>
              {c.name ? <div className="text-xs font-normal text-slate-600">{c.name}</div> : null}
            </th>
            <td className={tdClass}>{c.percentOffBps !== null ? `${percentText(c.percentOffBps)} off` : `${cents(c.amountOffCents ?? 0, c.currency ?? "BRL")} off`}</td>
            <td className={tdClass}>{c.timesUsed}{c.usageLimit !== null ? ` of ${c.usageLimit}` : ""}</td>
            <td className={`${tdClass} text-xs`}>{c.validFrom || c.validUntil ? `${c.validFrom ? `from ${when(c.validFrom)}` : ""} ${c.validUntil ? `until ${when(c.validUntil)}` : ""}` : "Always"}</td>
            <td className={tdClass}>{c.status === "active" ? "Active" : "Archived"}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(c.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
      <Pager pathname={base} params={values} cursor={cursor} nextCursor={list?.nextCursor ?? null} label="Coupons" />
      {names ? (
        <section aria-labelledby="create-coupon-heading" className="space-y-3">
          <h2 id="create-coupon-heading" className="text-lg font-semibold text-slate-900">Create a coupon</h2>
          <CreateCouponForm action={createCouponAction.bind(null, staff.organization.slug)} base={base} products={names.products.filter((p) => p.status === "active")} plans={names.plans.filter((p) => p.status === "active")} />
        </section>
      ) : (
        <p className="text-sm text-slate-600">Your role can view the catalog but not change it.</p>
      )}
    </div>
  );
}
