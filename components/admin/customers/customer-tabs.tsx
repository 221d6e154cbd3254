import { TabNav } from "../shell/tab-nav";

// A customer's sub-pages: overview (records and balance), details (edit), portal users, credits.
export function CustomerTabs({ base, id }: { base: string; id: string }) {
  return (
    <TabNav
      base={base}
      label="Customer"
      tabs={[
        { path: id, label: "Overview" },
        { path: `${id}/details`, label: "Details" },
        { path: `${id}/portal-users`, label: "Portal users" },
        { path: `${id}/credits`, label: "Credits" },
      ]}
    />
  );
}
