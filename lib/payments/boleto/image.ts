// The boleto barcode drawn as Interleaved 2 of 5 (ITF), the symbology FEBRABAN prescribes.
//
// ITF encodes digits in pairs: each digit is 5 elements, 2 wide and 3 narrow (wide = 3 narrow
// modules here, the 1:3 ratio); the first digit of a pair is drawn by the 5 bars, the second by
// the 5 spaces between them, interleaved bar/space/bar/…. Start = narrow bar, narrow space,
// narrow bar, narrow space; stop = wide bar, narrow space, narrow bar.
//
// For the 44-digit boleto: 2 + 22 × 5 + 2 = 114 bars, and 4 + 22 × 18 + 5 = 405 modules wide
// (each digit is 2 × 3 + 3 × 1 = 9 modules), plus the quiet zones on both sides.

import { assertBoletoBarcode } from "./barcode";

const NARROW = 1;
const WIDE = 3;
/** Wide (1) / narrow (0) pattern of each digit's 5 elements. */
const DIGIT_PATTERNS = ["00110", "10001", "01001", "11000", "00101", "10100", "01100", "00011", "10010", "01010"];
const START = [NARROW, NARROW, NARROW, NARROW];
const STOP = [WIDE, NARROW, NARROW];
/** ITF asks for a quiet zone of at least 10 narrow modules on each side. */
export const ITF_QUIET_ZONE_MODULES = 10;

export interface BarcodeSvgOptions {
  /** Bar height in SVG user units (default 50). */
  height?: number;
  /** Width of a narrow element in SVG user units (default 1). */
  moduleWidth?: number;
  /** Blank modules left and right (default 10). */
  quietZoneModules?: number;
}

/**
 * Element widths in modules, alternating bar, space, bar, … from the start pattern to the stop
 * pattern (so every even index is a bar). `digits` must have an even length.
 */
export function itfElementWidths(digits: string): number[] {
  if (!/^(\d\d)*$/.test(digits)) throw new RangeError("ITF encodes an even number of digits");
  const widths = [...START];
  for (let i = 0; i < digits.length; i += 2) {
    const barPattern = DIGIT_PATTERNS[Number(digits[i])]!;
    const spacePattern = DIGIT_PATTERNS[Number(digits[i + 1])]!;
    for (let k = 0; k < 5; k++) {
      widths.push(barPattern[k] === "1" ? WIDE : NARROW, spacePattern[k] === "1" ? WIDE : NARROW);
    }
  }
  widths.push(...STOP);
  return widths;
}

/** A standalone SVG of the boleto barcode: a white background and one black <rect> per bar. */
export function barcodeSvg(barcode: string, options: BarcodeSvgOptions = {}): string {
  assertBoletoBarcode(barcode);
  const { height = 50, moduleWidth = 1, quietZoneModules = ITF_QUIET_ZONE_MODULES } = options;
  requireSize(height, "height", { zeroAllowed: false });
  requireSize(moduleWidth, "moduleWidth", { zeroAllowed: false });
  requireSize(quietZoneModules, "quietZoneModules", { zeroAllowed: true });
  const widths = itfElementWidths(barcode);
  const bars: string[] = [];
  let x = quietZoneModules;
  widths.forEach((width, index) => {
    if (index % 2 === 0) bars.push(`<rect x="${num(x * moduleWidth)}" y="0" width="${num(width * moduleWidth)}" height="${num(height)}"/>`);
    x += width;
  });
  const totalWidth = num((x + quietZoneModules) * moduleWidth);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${totalWidth}" height="${num(height)}" viewBox="0 0 ${totalWidth} ${num(height)}" role="img" aria-label="Boleto barcode ${barcode}" shape-rendering="crispEdges">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<g fill="#000000">${bars.join("")}</g>` +
    `</svg>`
  );
}

function requireSize(value: number, name: string, { zeroAllowed }: { zeroAllowed: boolean }): void {
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed)) {
    throw new RangeError(`${name} must be a ${zeroAllowed ? "non-negative" : "positive"} number, got ${value}`);
  }
}

/** Coordinates without float noise (0.1 × 3 -> "0.3", not "0.30000000000000004"). */
function num(value: number): string {
  return String(Number(value.toFixed(6)));
}
