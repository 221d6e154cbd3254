// WCAG 2.x contrast: relative luminance of sRGB colours and their ratio (1 to 21).
// Portal colours must keep text readable: white text on the primary colour, the primary colour
// as link text on white, each at least AA for normal text (4.5:1).
export const AA_NORMAL_TEXT = 4.5;

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => channel(parseInt(h, 16)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrastRatio(a: string, b: string): number {
  const [l1, l2] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (l1! + 0.05) / (l2! + 0.05);
}

/** Readable as a background for white text and as text on white. */
export const readableOnWhite = (hex: string) => contrastRatio(hex, "#ffffff") >= AA_NORMAL_TEXT;
