// Shared look of the invoice PDF: the palette derived from the merchant's brand colour, the
// stylesheet, and a Text that wraps long tokens (e-mails, URLs, ids) instead of overflowing.
import { StyleSheet, Text } from "@react-pdf/renderer";
import type { ComponentProps } from "react";

export const INK = "#111827";
export const MUTED = "#6b7280";
export const RULE = "#e5e7eb";
export const SOFT = "#f9fafb";
const FALLBACK_BRAND = "#4f46e5";

export type Palette = {
  brand: string;
  /** Text drawn on the brand colour: white or ink, whichever contrasts more. */
  onBrand: string;
  /** The brand colour when it reads on white (WCAG 4.5:1), ink otherwise. */
  accentText: string;
};

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

export function palette(brandColor: string): Palette {
  const brand = /^#[0-9a-f]{6}$/i.test(brandColor) ? brandColor.toLowerCase() : FALLBACK_BRAND;
  const l = luminance(brand);
  const onWhite = contrast(l, 1);
  return {
    brand,
    onBrand: onWhite >= contrast(l, luminance(INK)) ? "#ffffff" : INK,
    accentText: onWhite >= 4.5 ? brand : INK,
  };
}

/**
 * react-pdf breaks lines only at spaces, and its default hyphenation is English syllables. Words
 * stay whole (no English hyphens in Portuguese); only a token too long for any column (a URL, an
 * e-mail, an id) may break between any two characters.
 */
export function breakLongTokens(word: string): string[] {
  return word.length > 28 ? Array.from(word) : [word];
}

export function T(props: ComponentProps<typeof Text>) {
  return <Text hyphenationCallback={breakLongTokens} {...props} />;
}

export const styles = StyleSheet.create({
  page: { paddingTop: 40, paddingBottom: 56, paddingHorizontal: 40, fontFamily: "Helvetica", fontSize: 9, color: INK },
  // lineHeight lives here, not on the Page: react-pdf 4.9 drops any <Text render> (the page
  // numbers) under an ancestor with a lineHeight (diegomura/react-pdf#3083, #3402). A unitless
  // lineHeight is resolved against the same element's fontSize (18 when unset), then inherited
  // as points: hence the fontSize here, and their own lineHeight on the larger texts.
  body: { fontSize: 9, lineHeight: 1.35 },
  band: { position: "absolute", top: 0, left: 0, right: 0, height: 6 },
  footer: {
    position: "absolute",
    bottom: 24,
    left: 40,
    right: 40,
    flexDirection: "row",
    justifyContent: "space-between",
    borderTopWidth: 0.5,
    borderTopColor: RULE,
    paddingTop: 6,
    fontSize: 7.5,
    color: MUTED,
  },
  titleRow: { flexDirection: "row", justifyContent: "space-between", alignItems: "flex-start", marginBottom: 12 },
  title: { fontFamily: "Helvetica-Bold", fontSize: 22, lineHeight: 1.2 },
  badge: { marginLeft: 10, marginTop: 5, paddingHorizontal: 6, paddingVertical: 2, borderRadius: 3, fontFamily: "Helvetica-Bold", fontSize: 8 },
  logo: { maxWidth: 150, maxHeight: 44, objectFit: "contain" },
  merchantName: { fontFamily: "Helvetica-Bold", fontSize: 14, lineHeight: 1.3, maxWidth: 220, textAlign: "right" },
  meta: { marginBottom: 14 },
  metaRow: { flexDirection: "row", marginBottom: 1.5 },
  metaLabel: { width: 110, color: MUTED },
  metaValue: { flex: 1, fontFamily: "Helvetica-Bold" },
  parties: { flexDirection: "row", marginBottom: 14 },
  party: { flex: 1, paddingRight: 16 },
  partyHeading: { fontFamily: "Helvetica-Bold", marginBottom: 2 },
  muted: { color: MUTED },
  headline: { fontFamily: "Helvetica-Bold", fontSize: 15, lineHeight: 1.3, marginBottom: 4 },
  link: { textDecoration: "none" },
  section: { marginBottom: 10 },
  tableHeader: { flexDirection: "row", borderBottomWidth: 1.2, paddingBottom: 4, marginTop: 8, color: MUTED, fontSize: 7.5 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: RULE, paddingVertical: 4.5 },
  colDescription: { flex: 1, paddingRight: 8 },
  period: { color: MUTED, fontSize: 8, lineHeight: 1.35 },
  colQuantity: { width: 50, textAlign: "right", paddingRight: 6 },
  colUnit: { width: 86, textAlign: "right", paddingRight: 6 },
  colAmount: { width: 86, textAlign: "right" },
  totals: { marginTop: 8, marginBottom: 12, alignSelf: "flex-end", width: 250 },
  totalRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 3 },
  totalRule: { borderTopWidth: 0.5, borderTopColor: RULE },
  strong: { fontFamily: "Helvetica-Bold" },
  box: { borderWidth: 0.5, borderColor: RULE, borderLeftWidth: 3, borderRadius: 2, paddingVertical: 8, paddingHorizontal: 10, marginBottom: 10 },
  boxTitle: { fontFamily: "Helvetica-Bold", fontSize: 10, marginBottom: 4 },
  digitableLine: { fontFamily: "Helvetica-Bold", fontSize: 11.5, lineHeight: 1.3, letterSpacing: 0.3, marginBottom: 6 },
  code: { fontFamily: "Courier", fontSize: 8, lineHeight: 1.3 },
  fields: { flexDirection: "row", flexWrap: "wrap" },
  field: { marginRight: 22 },
});
