// /admin/<org>/catalog/products/<id> — a product, its prices (add, deactivate, delete), edit, archive/unarchive
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { linkClass, priceTerms, productTypeLabel, rowClass, statusBadge } from "@/components/admin/catalog/format";
import { AddPriceForm } from "@/components/admin/catalog/product-forms";
import { RowAction } from "@/components/admin/catalog/row-action";
import { ACTIONS_COLUMN, DataTable } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { getDb } from "@/db";
import { rowOrNull } from "@/lib/admin/list-page";
import { getProductOrThrow, pricesOf } from "@/lib/catalog/products";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../../staff";
import { archiveProductAction, createPriceAction, deletePriceAction, setPriceActiveAction, unarchiveProductAction } from "../../actions";

export const metadata: Metadata = { title: "Product" };

export default async function ProductPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const staff = await requireStaff(slug, "business:read");
  const org = { organizationId: staff.organization.id };
  const product = await rowOrNull(id, (pid) => getProductOrThrow(getDb(), { ...org, id: pid }));
  if (!product) notFound();
  const productPrices = (await pricesOf(getDb(), org, [product.id])).get(product.id) ?? [];
  const parent = product.parentProductId ? await rowOrNull(product.parentProductId, (pid) => getProductOrThrow(getDb(), { ...org, id: pid })) : null;
  const mayWrite = can(staff.role, "business:write");
  const editable = mayWrite && product.status === "active";
  const s = staff.organization.slug;
  const base = `/admin/${s}/catalog/products`;
  return (
    <div className="space-y-8">
      <p className="text-sm"><Link href={base} className={linkClass}>← Products</Link></p>
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{product.name} <span className={statusBadge(product.status === "active")}>{product.status === "active" ? "Active" : "Archived"}</span></h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">Slug</dt><dd className="font-mono">{product.slug}</dd>
          <dt className="font-medium">Type</dt><dd>{productTypeLabel(product.productType)}</dd>
          <dt className="font-medium">Parent</dt><dd>{parent ? <Link href={`${base}/${parent.id}`} className={linkClass}>{parent.name}</Link> : "—"}</dd>
          <dt className="font-medium">Description</dt><dd>{product.description ?? "—"}</dd>
          <dt className="font-medium">Created</dt><dd>{when(product.createdAt)}</dd>
          {product.archivedAt ? <><dt className="font-medium">Archived</dt><dd>{when(product.archivedAt)}</dd></> : null}
          <dt className="font-medium">Id</dt><dd className="font-mono text-xs">{product.id}</dd>
        </dl>
      </header>

      <DataTable caption="Prices" columns={["Price", "Terms", "Status", "Created", ...(mayWrite ? [ACTIONS_COLUMN] : [])]} empty={productPrices.length === 0 ? "No prices yet." : null}>
        {productPrices.map((p) => (
          <tr key={p.id} className={rowClass} data-testid="price-row">
            <th scope="row" className={`${tdClass} font-medium text-slate-900`}>{p.name}<div className="font-mono text-xs font-normal text-slate-600">{p.id}</div></th>
            <td className={tdClass}>{priceTerms(p)} <span className="text-xs text-slate-600">({p.currency})</span></td>
            <td className={tdClass}><span className={statusBadge(p.active)}>{p.active ? "Active" : "Inactive"}</span></td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(p.createdAt)}</td>
            {mayWrite ? (
              <td className={`${tdClass} min-w-56 space-y-2`}>
                <Link href={`${base}/${product.id}/prices/${p.id}`} className={`${linkClass} text-sm`}>Edit {p.name}</Link>
                <RowAction action={setPriceActiveAction.bind(null, s)} fields={{ id: p.id, active: p.active ? "false" : "true" }} label={p.active ? `Deactivate ${p.name}` : `Activate ${p.name}`} pendingLabel="Saving…" />
                <RowAction action={deletePriceAction.bind(null, s)} fields={{ id: p.id }} label={`Delete ${p.name}`} pendingLabel="Deleting…" variant="danger" confirm="Delete this price? If plans or subscriptions use it, it is deactivated instead." />
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>

      {editable ? (
        <>
          <p><Link href={`${base}/${product.id}/edit`} className="inline-flex rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-teal-700">Edit product</Link></p>
          <section aria-labelledby="add-price-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="add-price-heading" className="text-base font-semibold text-slate-900">Add a price</h2>
            <AddPriceForm action={createPriceAction.bind(null, s)} productId={product.id} />
          </section>
        </>
      ) : null}
      {mayWrite ? (
        <section aria-labelledby="archive-heading" className="space-y-2">
          <h2 id="archive-heading" className="text-base font-semibold text-slate-900">{product.status === "active" ? "Archive or delete" : "Unarchive"}</h2>
          {product.status === "active" ? (
            <RowAction action={archiveProductAction.bind(null, s)} fields={{ id: product.id }} label="Archive product" pendingLabel="Archiving…" variant="danger" backHref={base} backLabel="Back to products"
              confirm="A product nothing uses is deleted. One that plans, subscriptions or bills use is archived: kept for the records, its prices deactivated, no longer editable." />
          ) : (
            <RowAction action={unarchiveProductAction.bind(null, s)} fields={{ id: product.id }} label="Unarchive product" pendingLabel="Saving…" />
          )}
        </section>
      ) : (
        <p className="text-sm text-slate-600">Your role can view the catalog but not change it.</p>
      )}
    </div>
  );
}
