// /admin/<org>/catalog/discount-codes/<id> — a discount code: its discount and use; edit the limits, delete or archive
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { discountText, linkClass, statusBadge, utcLocal } from "@/components/admin/catalog/format";
import { EditDiscountCodeForm } from "@/components/admin/catalog/promo-forms";
import { RowAction } from "@/components/admin/catalog/row-action";
import { when } from "@/components/admin/table/format";
import { getDb } from "@/db";
import { rowOrNull } from "@/lib/admin/list-page";
import { getDiscountCodeOrThrow } from "@/lib/promotions/discount-codes";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../../staff";
import { deleteDiscountCodeAction, updateDiscountCodeAction } from "../../actions";

export const metadata: Metadata = { title: "Discount code" };

export default async function DiscountCodePage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const staff = await requireStaff(slug, "business:read");
  const code = await rowOrNull(id, (cid) => getDiscountCodeOrThrow(getDb(), { organizationId: staff.organization.id, id: cid }));
  if (!code) notFound();
  const mayWrite = can(staff.role, "business:write");
  const s = staff.organization.slug;
  const base = `/admin/${s}/catalog/discount-codes`;
  return (
    <div className="space-y-8">
      <p className="text-sm"><Link href={base} className={linkClass}>← Discount codes</Link></p>
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900"><span className="font-mono">{code.code}</span> <span className={statusBadge(code.status === "active")}>{code.status === "active" ? "Active" : "Archived"}</span></h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">Discount</dt><dd>{discountText(code)}</dd>
          <dt className="font-medium">Redeemed</dt><dd>{code.timesRedeemed}{code.maxRedemptions !== null ? ` of ${code.maxRedemptions}` : " (no limit)"}</dd>
          <dt className="font-medium">Expires</dt><dd>{code.expiresAt ? when(code.expiresAt) : "Never"}</dd>
          <dt className="font-medium">Created</dt><dd>{when(code.createdAt)}</dd>
        </dl>
      </header>
      {mayWrite && code.status === "active" ? (
        <>
          <section aria-labelledby="edit-code-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="edit-code-heading" className="text-base font-semibold text-slate-900">Limits</h2>
            <EditDiscountCodeForm action={updateDiscountCodeAction.bind(null, s)} id={code.id} saved={{ max_redemptions: code.maxRedemptions?.toString() ?? "", expires_at: utcLocal(code.expiresAt) }} />
          </section>
          <RowAction action={deleteDiscountCodeAction.bind(null, s)} fields={{ id: code.id }} label="Delete discount code" pendingLabel="Deleting…" variant="danger" backHref={base} backLabel="Back to discount codes"
            confirm="A code never redeemed is deleted. A redeemed one is archived: kept for the records, no longer usable." />
        </>
      ) : (
        <p className="text-sm text-slate-600">{mayWrite ? "This discount code is archived: it can no longer be changed." : "Your role can view the catalog but not change it."}</p>
      )}
    </div>
  );
}
