// /admin/<org>/catalog/products/<id>/prices/<price id> — edit a price (PATCH /prices/:id): its name always, its terms while unused
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { linkClass, priceTerms } from "@/components/admin/catalog/format";
import { EditPriceForm } from "@/components/admin/catalog/product-forms";
import { getDb } from "@/db";
import type { Price } from "@/db/schema";
import { rowOrNull } from "@/lib/admin/list-page";
import { amountText } from "@/lib/admin/money-input";
import { getPriceOrThrow, priceInUse } from "@/lib/catalog/prices";
import { getProductOrThrow } from "@/lib/catalog/products";
import { requireStaff } from "../../../../../../staff";
import { updatePriceAction } from "../../../../actions";

export const metadata: Metadata = { title: "Edit price" };

const money = (v: number | null) => (v === null || v === 0 ? "" : amountText(v, 4));

/** The saved price as the price form's values (amounts as typed: 49,90; tiers one a line). */
function formValues(p: Price): Record<string, string> {
  return {
    name: p.name, currency: p.currency, recurring_interval: p.recurringInterval, interval_count: String(p.intervalCount), billing_scheme: p.billingScheme, usage_type: p.usageType,
    unit_amount_subcents: amountText(p.unitAmountSubcents, 4), setup_amount_subcents: money(p.setupAmountSubcents), package_size: p.packageSize?.toString() ?? "",
    tiers_mode: p.tiersMode ?? "", included_quantity: p.includedQuantity ? String(p.includedQuantity) : "", excess_amount_subcents: p.excessAmountSubcents === null ? "" : amountText(p.excessAmountSubcents, 4),
    tiers: (p.tiers ?? []).map((t) => `${t.up_to ?? "∞"} | ${amountText(t.unit_amount_subcents, 4)} | ${amountText(t.flat_amount_subcents, 4)}`).join("\n"),
  };
}

export default async function EditPricePage({ params }: { params: Promise<{ org: string; id: string; priceId: string }> }) {
  const { org: slug, id, priceId } = await params;
  const staff = await requireStaff(slug, "business:write");
  const org = { organizationId: staff.organization.id };
  const product = await rowOrNull(id, (pid) => getProductOrThrow(getDb(), { ...org, id: pid }));
  const price = product && (await rowOrNull(priceId, (pid) => getPriceOrThrow(getDb(), { ...org, id: pid })));
  if (!product || !price || price.productId !== product.id) notFound();
  const inUse = await priceInUse(getDb(), { ...org, id: price.id });
  return (
    <div className="space-y-6">
      <p className="text-sm"><Link href={`/admin/${staff.organization.slug}/catalog/products/${product.id}`} className={linkClass}>← {product.name}</Link></p>
      <h2 className="text-xl font-semibold text-slate-900">Edit price {price.name}</h2>
      <p className="text-sm text-slate-700">Now: {priceTerms(price)} ({price.currency})</p>
      <EditPriceForm action={updatePriceAction.bind(null, staff.organization.slug)} id={price.id} saved={formValues(price)} inUse={inUse} />
    </div>
  );
}
