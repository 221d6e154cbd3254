// /admin/<org>/catalog/products — products with their prices: search, filters, pages; create (with a first price)
import type { Metadata } from "next";
import Link from "next/link";
import { linkClass, priceTerms, productTypeLabel, rowClass, PRODUCT_TYPES } from "@/components/admin/catalog/format";
import { ListFilters } from "@/components/admin/catalog/list-filters";
import { CreateProductForm } from "@/components/admin/catalog/product-forms";
import { DataTable, ListProblem } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager, param } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { catalogNames, productListQuery, productRefs, readProducts } from "@/lib/admin/catalog-lists";
import { queryValues } from "@/lib/admin/list-page";
import { issuesToFields } from "@/lib/admin/form-state";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { createProductAction } from "../actions";

export const metadata: Metadata = { title: "Products" };

type Search = Record<string, string | string[] | undefined>;
const FILTERS = ["search", "status", "product_type"] as const;

export default async function ProductsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const staff = await requireStaff((await params).org, "business:read");
  const sp = await searchParams;
  const org = { organizationId: staff.organization.id };
  const base = `/admin/${staff.organization.slug}/catalog/products`;
  const values = queryValues(sp, FILTERS);
  const cursor = param(sp, "cursor");
  const parsed = productListQuery.safeParse({ ...values, cursor });
  const list = parsed.success ? await unlessBadCursor(() => readProducts(getDb(), org, parsed.data)) : null;
  const errors = parsed.success ? {} : issuesToFields(parsed.error.issues);
  const mayWrite = can(staff.role, "business:write");
  const parents = mayWrite ? (await catalogNames(getDb(), org)).products.filter((p) => p.status === "active") : [];
  const refs = mayWrite ? await productRefs(getDb(), org) : { groups: [], serviceItems: [] };
  const rows = list?.rows ?? [];
  const filtered = Object.keys(values).length > 0;
  return (
    <div className="space-y-6">
      <ListFilters
        action={base}
        label="Search products"
        search={{ name: "search", label: "Name or slug", value: values.search, placeholder: "e.g. Pro" }}
        selects={[
          { name: "status", label: "Status", value: values.status, options: [{ value: "", label: "Active" }, { value: "archived", label: "Archived" }, { value: "all", label: "All" }] },
          { name: "product_type", label: "Type", value: values.product_type, options: [{ value: "", label: "Any type" }, ...PRODUCT_TYPES] },
        ]}
        errors={errors}
      />
      <ListProblem message={(parsed.success && !list) || errors.cursor ? BAD_PAGE_LINK : null} />
      <DataTable
        caption={<>Products, newest first <span className="font-normal text-slate-600">({staff.testMode ? "test mode" : "live mode"})</span></>}
        columns={["Product", "Type", "Prices", "Status", "Created"]}
        empty={rows.length === 0 ? (filtered ? "No product matches these filters." : `No products yet${mayWrite ? ": create one below." : "."}`) : null}
      >
        {rows.map((p) => {
          const productPrices = list?.prices.get(p.id) ?? [];
          const active = productPrices.filter((x) => x.active);
          return (
            <tr key={p.id} className={rowClass} data-testid="product-row">
              <th scope="row" className={`${tdClass} font-medium`}>
                <Link href={`${base}/${p.id}`} className={linkClass}>{p.name}</Link>
                <div className="font-mono text-xs font-normal text-slate-600">{p.slug}</div>
              </th>
              <td className={tdClass}>{productTypeLabel(p.productType)}</td>
              <td className={`${tdClass} text-xs`}>
                {active.length === 0 ? <span className="text-slate-600">No active price</span> : active.slice(0, 3).map((x) => <div key={x.id}>{x.name}: {priceTerms(x)}</div>)}
                {active.length > 3 ? <div className="text-slate-600">and {active.length - 3} more</div> : null}
              </td>
              <td className={tdClass}>{p.status === "active" ? "Active" : `Archived ${when(p.archivedAt)}`}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(p.createdAt)}</td>
            </tr>
          );
        })}
      </DataTable>
      <Pager pathname={base} params={values} cursor={cursor} nextCursor={list?.nextCursor ?? null} label="Products" />
      {mayWrite ? (
        <section aria-labelledby="create-product-heading" className="space-y-3">
          <h2 id="create-product-heading" className="text-lg font-semibold text-slate-900">Create a product</h2>
          <CreateProductForm action={createProductAction.bind(null, staff.organization.slug)} parents={parents} refs={refs} base={base} />
        </section>
      ) : (
        <p className="text-sm text-slate-600">Your role can view the catalog but not change it.</p>
      )}
    </div>
  );
}
