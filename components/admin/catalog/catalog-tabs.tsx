import { TabNav } from "../shell/tab-nav";

// The Catalog screens (each tab also matches its detail pages).
const TABS = [
  { path: "products", label: "Products" },
  { path: "plans", label: "Plans" },
  { path: "coupons", label: "Coupons" },
  { path: "discount-codes", label: "Discount codes" },
  { path: "plan-change-rules", label: "Plan change rules" },
] as const;

export function CatalogTabs({ base }: { base: string }) {
  return <TabNav base={base} label="Catalog" tabs={TABS} nested />;
}
