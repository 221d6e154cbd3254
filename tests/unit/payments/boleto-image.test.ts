import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { barcodeSvg, BoletoFormatError, buildBoletoBarcode, itfElementWidths } from "@/lib/payments/boleto";
import { boletoInputArb } from "./arbitraries";

const BARCODE = "00192138100001234560000001234567000000000117";
// ITF, 44 digits = 22 pairs. Bars: start 2 + 22 pairs × 5 + stop 2 = 114.
// Modules: start 4 (n n n n) + 22 pairs × 2 digits × 9 (2 wide × 3 + 3 narrow × 1) + stop 5 (W n n)
// = 4 + 396 + 5 = 405, plus 10 quiet modules each side = 425.
// Bar modules alone: start 2 + 22 × 9 (the pair's first digit) + stop 3 + 1 = 204.
const BARS = 114;
const SYMBOL_MODULES = 405;
const BAR_MODULES = 204;

const WIDE_NARROW = ["00110", "10001", "01001", "11000", "00101", "10100", "01100", "00011", "10010", "01010"];

/** Reads ITF element widths back into digits — an independent decoder for the property. */
function decodeItf(widths: number[]): string {
  expect(widths.slice(0, 4)).toEqual([1, 1, 1, 1]);
  expect(widths.slice(-3)).toEqual([3, 1, 1]);
  let digits = "";
  for (let i = 4; i < widths.length - 3; i += 10) {
    const pair = widths.slice(i, i + 10).map((w) => (w === 3 ? "1" : "0"));
    const bars = pair.filter((_, k) => k % 2 === 0).join("");
    const spaces = pair.filter((_, k) => k % 2 === 1).join("");
    digits += String(WIDE_NARROW.indexOf(bars)) + String(WIDE_NARROW.indexOf(spaces));
  }
  return digits;
}

const barRects = (svg: string) => [...svg.matchAll(/<rect x="([\d.]+)" y="0" width="([\d.]+)" height="([\d.]+)"\/>/g)];

describe("itfElementWidths", () => {
  it("encodes the pair 00 as start, then bars n n W W n interleaved with spaces n n W W n", () => {
    expect(itfElementWidths("00")).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 1, 1, 3, 1, 1]);
  });

  it("encodes 12 with bars from 1 (W n n n W) and spaces from 2 (n W n n W)", () => {
    expect(itfElementWidths("12").slice(4, 14)).toEqual([3, 1, 1, 3, 1, 1, 1, 1, 3, 3]);
  });

  it("refuses an odd number of digits", () => {
    expect(() => itfElementWidths("123")).toThrow(RangeError);
  });
});

describe("barcodeSvg", () => {
  it("draws 114 bars over 405 modules plus quiet zones for the worked example", () => {
    const svg = barcodeSvg(BARCODE);
    const rects = barRects(svg);
    expect(rects).toHaveLength(BARS);
    expect(rects.reduce((sum, [, , width]) => sum + Number(width), 0)).toBe(BAR_MODULES);
    expect(svg).toContain(`width="${SYMBOL_MODULES + 20}" height="50"`);
    expect(rects[0]?.[1]).toBe("10"); // first bar right after the 10-module quiet zone
    const last = rects.at(-1)!;
    expect(Number(last[1]) + Number(last[2])).toBe(10 + SYMBOL_MODULES); // stop bar ends the symbol
    expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
  });

  it("scales by moduleWidth and height", () => {
    const svg = barcodeSvg(BARCODE, { moduleWidth: 0.5, height: 40, quietZoneModules: 0 });
    expect(svg).toContain(`width="${SYMBOL_MODULES / 2}" height="40"`);
    const rects = barRects(svg);
    expect(rects[0]?.slice(1)).toEqual(["0", "0.5", "40"]);
    expect(rects.reduce((sum, [, , width]) => sum + Number(width), 0)).toBe(BAR_MODULES / 2);
  });

  it("refuses invalid barcodes and sizes", () => {
    expect(() => barcodeSvg("123")).toThrow(BoletoFormatError);
    expect(() => barcodeSvg(BARCODE, { height: 0 })).toThrow(RangeError);
    expect(() => barcodeSvg(BARCODE, { moduleWidth: -1 })).toThrow(RangeError);
  });

  it("always decodes back to the barcode, with 114 bars and 405 modules", () => {
    fc.assert(
      fc.property(boletoInputArb, (input) => {
        const barcode = buildBoletoBarcode(input);
        const widths = itfElementWidths(barcode);
        expect(widths.every((w) => w === 1 || w === 3)).toBe(true);
        expect(widths.reduce((a, b) => a + b, 0)).toBe(SYMBOL_MODULES);
        expect(decodeItf(widths)).toBe(barcode);
        expect(barRects(barcodeSvg(barcode))).toHaveLength(BARS);
      }),
      { numRuns: 200 },
    );
  });
});
