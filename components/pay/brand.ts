import type { CSSProperties } from "react";

// The merchant's brand colour as the CSS variables Tailwind's `brand` colours read (globals.css),
// with the text colour that reads on it (white or ink, whichever contrasts more).
const FALLBACK = "#4f46e5";

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function brandStyle(color: string): CSSProperties {
  const brand = /^#[0-9a-f]{6}$/i.test(color) ? color : FALLBACK;
  // White and near-black text have equal contrast at a luminance of about 0.18.
  const contrast = luminance(brand) > 0.18 ? "#18181b" : "#ffffff";
  return { "--brand-accent": brand, "--brand-accent-contrast": contrast } as CSSProperties;
}
