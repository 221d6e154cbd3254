import type { PortalSection, PortalSettings } from "@/db/schema";

// The portal's sections: Overview (always on) and the 11 the merchant switches on and off, in
// the order the navigation lists them. Each section lives at one path on the portal host; its
// folder under app/(portal)/portal/[host]/(app)/ has the same name. A disabled section is gone
// from the navigation and its pages answer 404 (requireSection in the app layer).
export type NavSection = "overview" | PortalSection;

export const SECTION_ORDER: readonly NavSection[] = [
  "overview", "subscriptions", "invoices", "payments", "payment_methods", "credits", "products", "usage", "proposals", "account", "profile", "settings",
];

export const SECTION_PATHS: Record<NavSection, string> = {
  overview: "/",
  subscriptions: "/subscriptions",
  invoices: "/invoices",
  payments: "/payments",
  payment_methods: "/payment-methods",
  credits: "/credits",
  products: "/products",
  usage: "/usage",
  proposals: "/proposals",
  account: "/account",
  profile: "/profile",
  settings: "/settings",
};

type Features = Pick<PortalSettings, "features">;

/** Is the section on? Overview always; a section missing from stored settings counts as on (the default). */
export function isSectionEnabled(settings: Features, section: NavSection): boolean {
  if (section === "overview") return true;
  return settings.features[section] !== false;
}

/** The sections the navigation lists, in order. */
export function enabledSections(settings: Features): NavSection[] {
  return SECTION_ORDER.filter((s) => isSectionEnabled(settings, s));
}

/** The section a path's first segment names ("/invoices/abc" -> invoices), or null. */
export function sectionOfSegment(segment: string | null): NavSection | null {
  if (segment === null || segment === "") return "overview";
  const found = SECTION_ORDER.find((s) => SECTION_PATHS[s] === `/${segment}`);
  return found ?? null;
}
