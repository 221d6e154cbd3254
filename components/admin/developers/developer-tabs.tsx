import { TabNav } from "../shell/tab-nav";

// The Developers screens (each tab also matches its detail pages).
const TABS = [
  { path: "api-keys", label: "API keys" },
  { path: "webhooks", label: "Webhooks" },
  { path: "requests", label: "Request log" },
  { path: "emails", label: "Email outbox" },
] as const;

export function DeveloperTabs({ base }: { base: string }) {
  return <TabNav base={base} label="Developers" tabs={TABS} nested />;
}
