import type { PortalBranding } from "@/db/schema";
import { contrastRatio } from "./contrast";

// The merchant's colours as the CSS variables the portal's shell sets on its root element:
// --brand (primary: header, active navigation, main buttons) and --brand-accent (links, focus,
// the shared payment panel's buttons), each with the text colour that reads on it.
const INK = "#18181b";
const WHITE = "#ffffff";
const HEX = /^#[0-9a-f]{6}$/i;

/** White or ink, whichever contrasts more with `background`. */
export function readableOn(background: string): string {
  return contrastRatio(background, WHITE) >= contrastRatio(background, INK) ? WHITE : INK;
}

export function brandVariables(branding: Pick<PortalBranding, "primary_color" | "accent_color">): Record<string, string> {
  const primary = HEX.test(branding.primary_color) ? branding.primary_color.toLowerCase() : "#4f46e5";
  const accent = HEX.test(branding.accent_color) ? branding.accent_color.toLowerCase() : "#0f766e";
  return {
    "--brand": primary,
    "--brand-foreground": readableOn(primary),
    "--brand-accent": accent,
    "--brand-accent-contrast": readableOn(accent),
  };
}

/** The name the portal shows: the branding's, else the organization's. */
export const portalName = (branding: Pick<PortalBranding, "name">, organizationName: string) => branding.name?.trim() || organizationName;
