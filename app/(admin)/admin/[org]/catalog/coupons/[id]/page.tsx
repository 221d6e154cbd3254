// /admin/<org>/catalog/coupons/<id> — a coupon: its discount, usage and scope; edit the limits, delete or archive
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cents, linkClass, percentText, statusBadge, utcLocal } from "@/components/admin/catalog/format";
import { EditCouponForm } from "@/components/admin/catalog/promo-forms";
import { RowAction } from "@/components/admin/catalog/row-action";
import { when } from "@/components/admin/table/format";
import { getDb } from "@/db";
import { catalogNames } from "@/lib/admin/catalog-lists";
import { rowOrNull } from "@/lib/admin/list-page";
import { amountText } from "@/lib/admin/money-input";
import { getCouponOrThrow } from "@/lib/promotions/coupons";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../../staff";
import { deleteCouponAction, updateCouponAction } from "../../actions";

export const metadata: Metadata = { title: "Coupon" };

export default async function CouponPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const staff = await requireStaff(slug, "business:read");
  const org = { organizationId: staff.organization.id };
  const coupon = await rowOrNull(id, (cid) => getCouponOrThrow(getDb(), { ...org, id: cid }));
  if (!coupon) notFound();
  const names = await catalogNames(getDb(), org);
  const nameOf = (ids: string[], list: Array<{ id: string; name: string }>) => (ids.length ? ids.map((i) => list.find((x) => x.id === i)?.name ?? i).join(", ") : "—");
  const mayWrite = can(staff.role, "business:write");
  const s = staff.organization.slug;
  const base = `/admin/${s}/catalog/coupons`;
  const money = (v: number | null) => (v === null ? "" : amountText(v, 2));
  return (
    <div className="space-y-8">
      <p className="text-sm"><Link href={base} className={linkClass}>← Coupons</Link></p>
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900"><span className="font-mono">{coupon.code}</span> <span className={statusBadge(coupon.status === "active")}>{coupon.status === "active" ? "Active" : "Archived"}</span></h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">Name</dt><dd>{coupon.name ?? "—"}</dd>
          <dt className="font-medium">Discount</dt><dd>{coupon.percentOffBps !== null ? `${percentText(coupon.percentOffBps)} off` : `${cents(coupon.amountOffCents ?? 0, coupon.currency ?? "BRL")} off`}</dd>
          <dt className="font-medium">Used</dt><dd>{coupon.timesUsed} time{coupon.timesUsed === 1 ? "" : "s"}{coupon.usageLimit !== null ? ` of ${coupon.usageLimit}` : ""}</dd>
          <dt className="font-medium">Valid</dt><dd>{coupon.validFrom ? `from ${when(coupon.validFrom)} ` : ""}{coupon.validUntil ? `until ${when(coupon.validUntil)}` : ""}{!coupon.validFrom && !coupon.validUntil ? "Always" : ""}</dd>
          <dt className="font-medium">Applies to</dt><dd>{coupon.appliesTo.product_ids.length + coupon.appliesTo.plan_ids.length === 0 ? "Everything" : `${nameOf(coupon.appliesTo.product_ids, names.products)}; plans: ${nameOf(coupon.appliesTo.plan_ids, names.plans)}`}</dd>
          <dt className="font-medium">Excludes</dt><dd>{coupon.excludes.product_ids.length + coupon.excludes.plan_ids.length === 0 ? "Nothing" : `${nameOf(coupon.excludes.product_ids, names.products)}; plans: ${nameOf(coupon.excludes.plan_ids, names.plans)}`}</dd>
          <dt className="font-medium">Created</dt><dd>{when(coupon.createdAt)}</dd>
        </dl>
      </header>
      {mayWrite && coupon.status === "active" ? (
        <>
          <section aria-labelledby="edit-coupon-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="edit-coupon-heading" className="text-base font-semibold text-slate-900">Limits and scope</h2>
            <EditCouponForm
              action={updateCouponAction.bind(null, s)}
              id={coupon.id}
              products={names.products.filter((p) => p.status === "active" || coupon.appliesTo.product_ids.includes(p.id) || coupon.excludes.product_ids.includes(p.id))}
              plans={names.plans.filter((p) => p.status === "active" || coupon.appliesTo.plan_ids.includes(p.id) || coupon.excludes.plan_ids.includes(p.id))}
              saved={{
                name: coupon.name ?? "", usage_limit: coupon.usageLimit?.toString() ?? "", usage_limit_per_user: coupon.usageLimitPerUser?.toString() ?? "",
                min_purchase_cents: money(coupon.minPurchaseCents), max_discount_cents: money(coupon.maxDiscountCents), valid_from: utcLocal(coupon.validFrom), valid_until: utcLocal(coupon.validUntil),
                "applies_to.product_ids": coupon.appliesTo.product_ids, "applies_to.plan_ids": coupon.appliesTo.plan_ids, "excludes.product_ids": coupon.excludes.product_ids, "excludes.plan_ids": coupon.excludes.plan_ids,
              }}
            />
          </section>
          <RowAction action={deleteCouponAction.bind(null, s)} fields={{ id: coupon.id }} label="Delete coupon" pendingLabel="Deleting…" variant="danger" backHref={base} backLabel="Back to coupons"
            confirm="A coupon never used is deleted. A used one is archived: kept for the records, no longer redeemable." />
        </>
      ) : (
        <p className="text-sm text-slate-600">{mayWrite ? "This coupon is archived: it can no longer be changed." : "Your role can view the catalog but not change it."}</p>
      )}
    </div>
  );
}
