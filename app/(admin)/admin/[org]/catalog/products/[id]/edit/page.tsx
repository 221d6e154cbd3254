// /admin/<org>/catalog/products/<id>/edit — edit a product (PATCH /products/:id); business:write
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { linkClass } from "@/components/admin/catalog/format";
import { EditProductForm } from "@/components/admin/catalog/product-forms";
import { getDb } from "@/db";
import { catalogNames, productRefs } from "@/lib/admin/catalog-lists";
import { rowOrNull } from "@/lib/admin/list-page";
import { getProductOrThrow } from "@/lib/catalog/products";
import { requireStaff } from "../../../../../staff";
import { updateProductAction } from "../../../actions";

export const metadata: Metadata = { title: "Edit product" };

export default async function EditProductPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  // Roles that cannot change the catalog have nothing to do here (404), as for any page they lack.
  const staff = await requireStaff(slug, "business:write");
  const org = { organizationId: staff.organization.id };
  const product = await rowOrNull(id, (pid) => getProductOrThrow(getDb(), { ...org, id: pid }));
  if (!product) notFound();
  const back = `/admin/${staff.organization.slug}/catalog/products/${product.id}`;
  const parents = (await catalogNames(getDb(), org)).products.filter((p) => p.id !== product.id && p.status === "active");
  return (
    <div className="space-y-6">
      <p className="text-sm"><Link href={back} className={linkClass}>← {product.name}</Link></p>
      <h2 className="text-xl font-semibold text-slate-900">Edit {product.name}</h2>
      {product.status === "archived" ? (
        <p className="text-sm text-slate-600">This product is archived: unarchive it on its page to change it.</p>
      ) : (
        <EditProductForm
          action={updateProductAction.bind(null, staff.organization.slug)}
          id={product.id}
          parents={parents}
          refs={await productRefs(getDb(), org)}
          saved={{ name: product.name, slug: product.slug, description: product.description ?? "", product_type: product.productType, parent_product_id: product.parentProductId ?? "", product_group_id: product.productGroupId ?? "", service_item_id: product.serviceItemId ?? "", self_service_editable: product.selfServiceEditable }}
        />
      )}
    </div>
  );
}
