import { redirect } from "next/navigation";

export default async function CatalogIndex({ params }: { params: Promise<{ org: string }> }) {
  redirect(`/admin/${(await params).org}/catalog/products`);
}
