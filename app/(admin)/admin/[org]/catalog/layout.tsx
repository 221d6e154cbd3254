import type { ReactNode } from "react";
import { CatalogTabs } from "@/components/admin/catalog/catalog-tabs";
import { requireStaff } from "../../staff";

// /admin/<org>/catalog/… — products with prices, plans with items, coupons, discount codes and
// plan change rules (business:read; changes need business:write).
export default async function CatalogLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const staff = await requireStaff((await params).org, "business:read");
  return (
    <div className="max-w-6xl">
      <h1 className="text-2xl font-semibold text-slate-900">Catalog</h1>
      <p className="mb-4 mt-1 text-sm text-slate-600">
        {staff.testMode ? "Test mode: the sandbox's catalog, for trying things out." : "Live mode: what your customers buy."}
      </p>
      <CatalogTabs base={`/admin/${staff.organization.slug}/catalog`} />
      {children}
    </div>
  );
}
