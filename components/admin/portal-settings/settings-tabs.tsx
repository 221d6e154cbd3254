import { TabNav } from "../shell/tab-nav";

// The portal settings' pages.
const TABS = [
  { path: "branding", label: "Branding" },
  { path: "sections", label: "Sections" },
  { path: "sign-in", label: "Sign-in & security" },
  { path: "sso", label: "Single sign-on" },
  { path: "general", label: "Links & language" },
  { path: "domain", label: "Custom domain" },
] as const;

export function SettingsTabs({ base }: { base: string }) {
  return <TabNav base={base} label="Portal settings" tabs={TABS} />;
}
