import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BoletoCheckDigitError,
  BoletoFormatError,
  buildBoletoBarcode,
  digitableLine,
  formatDigitableLine,
  parseDigitableLine,
  type BoletoCheckDigitField,
} from "@/lib/payments/boleto";
import { boletoInputArb, day, luhnCheckDigit, mod11Remainder } from "./arbitraries";

// The worked example of boleto-barcode.test.ts: BB, R$ 1.234,56, due 2026-03-10 (factor 1381).
const BARCODE = "00192138100001234560000001234567000000000117";
const FREE_FIELD = "0000001234567000000000117";

/** Which field a 0-based position of the 47-digit line belongs to, as the parse error names it. */
function fieldAt(position: number): BoletoCheckDigitField | "field5" {
  if (position < 10) return "field1";
  if (position < 21) return "field2";
  if (position < 32) return "field3";
  return position === 32 ? "general" : "field5";
}

function replaceDigit(text: string, position: number, delta: number): string {
  return text.slice(0, position) + ((Number(text[position]) + delta) % 10) + text.slice(position + 1);
}

describe("digitableLine — worked example", () => {
  // Mod 10: weights 2, 1, 2, 1, … from the rightmost digit; products over 9 count as the sum of
  // their digits; DV = (10 − sum mod 10) mod 10.
  //   field 1 = "001" + "9" + free field 1–5 "00000" = "001900000"
  //     weights 2,1,2,1,2,1,2,1,2 -> 1×2 + 9×1 = 11 -> DV (10 − 1) = 9        -> "00190.00009"
  //   field 2 = free field 6–15 "0123456700"
  //     weights 1,2,1,2,1,2,1,2,1,2 -> 1×2 + 2×1 + 3×2 + 4×1 + (5×2=10 -> 1) + 6×1
  //     + (7×2=14 -> 5) = 2+2+6+4+1+6+5 = 26 -> DV 4                          -> "01234.567004"
  //   field 3 = free field 16–25 "0000000117"
  //     -> 1×2 + 1×1 + (7×2=14 -> 5) = 8 -> DV 2                              -> "00000.001172"
  //   field 4 = the barcode's general DV, 2 (see the barcode test)
  //   field 5 = factor "1381" + amount "0000123456"
  it("splits the barcode into the five fields with their DVs", () => {
    expect(digitableLine(BARCODE)).toBe("00190000090123456700400000001172213810000123456");
    expect(formatDigitableLine(digitableLine(BARCODE))).toBe("00190.00009 01234.567004 00000.001172 2 13810000123456");
  });

  it("formats any 47 digits in the printed style", () => {
    expect(formatDigitableLine("00190000090123456789012345678901210000000012345")).toBe("00190.00009 01234.567890 12345.678901 2 10000000012345");
    expect(() => formatDigitableLine("0019")).toThrow(BoletoFormatError);
  });

  it("refuses a barcode whose general DV is wrong", () => {
    expect(() => digitableLine(BARCODE.slice(0, 4) + "7" + BARCODE.slice(5))).toThrow(BoletoCheckDigitError);
  });
});

describe("parseDigitableLine", () => {
  const printed = "00190.00009 01234.567004 00000.001172 2 13810000123456";

  it("accepts the printed form, bare digits, and hyphens or stray spaces", () => {
    expect(parseDigitableLine(printed)).toBe(BARCODE);
    expect(parseDigitableLine(printed.replace(/\D/g, ""))).toBe(BARCODE);
    expect(parseDigitableLine(` ${printed.replace(/ /g, "-")}\n`)).toBe(BARCODE);
  });

  it.each([
    ["field1", "00190.00008 01234.567004 00000.001172 2 13810000123456", 9, 8],
    ["field2", "00190.00009 01234.567005 00000.001172 2 13810000123456", 4, 5],
    ["field3", "00190.00009 01234.567004 00000.001173 2 13810000123456", 2, 3],
    ["general", "00190.00009 01234.567004 00000.001172 3 13810000123456", 2, 3],
  ] as const)("names the failing DV: %s", (field, line, expected, actual) => {
    expect(() => parseDigitableLine(line)).toThrow(expect.objectContaining({ name: "BoletoCheckDigitError", field, expected, actual }));
  });

  it("a typo in field 5 (the amount) is caught by the general DV", () => {
    // Amount 1.234,56 -> 1.234,57: the last amount digit has weight 3, the sum grows by 3 to
    // 463 = 42 × 11 + 1 -> 11 − 1 = 10 -> DV 1, no longer 2.
    expect(() => parseDigitableLine("00190.00009 01234.567004 00000.001172 2 13810000123457")).toThrow(
      expect.objectContaining({ field: "general", expected: 1, actual: 2 }),
    );
  });

  it("…except when the mod 11 blind spot hides it (remainders 0, 1 and 10 all give DV 1)", () => {
    // Due 2025-02-22 the sum is 386, remainder 1, DV 1. Typing the amount's last digit as 2
    // instead of 6 lowers the sum by 3 × 4 = 12 to 374 = 34 × 11 + 0 -> 11 − 0 = 11 -> DV 1 too.
    // The line still validates and reads R$ 1.234,52: FEBRABAN's rule cannot see this typo
    // (banks catch it against the registered slip, not from the digits).
    const due = day("2025-02-22");
    const real = buildBoletoBarcode({ bankCode: "001", dueDate: due, amountCents: 123_456, freeField: FREE_FIELD });
    const typo = buildBoletoBarcode({ bankCode: "001", dueDate: due, amountCents: 123_452, freeField: FREE_FIELD });
    expect(real[4]).toBe("1");
    expect(typo[4]).toBe("1");
    expect(parseDigitableLine(replaceDigit(digitableLine(real), 46, 6))).toBe(typo); // 6 + 6 = 12 -> 2
  });

  it("refuses other characters and other lengths", () => {
    expect(() => parseDigitableLine(printed.replace("2", "Z"))).toThrow(BoletoFormatError);
    expect(() => parseDigitableLine(printed.slice(0, -1))).toThrow(/47 digits, got 46/);
    expect(() => parseDigitableLine("8".repeat(48))).toThrow(/47 digits, got 48/);
  });
});

describe("digitable line — properties", () => {
  it("is 47 digits, every field DV validates (independent mod 10), and it parses back to the barcode", () => {
    fc.assert(
      fc.property(boletoInputArb, (input) => {
        const barcode = buildBoletoBarcode(input);
        const line = digitableLine(barcode);
        expect(line).toMatch(/^\d{47}$/);
        expect(Number(line[9])).toBe(luhnCheckDigit(line.slice(0, 9)));
        expect(Number(line[20])).toBe(luhnCheckDigit(line.slice(10, 20)));
        expect(Number(line[31])).toBe(luhnCheckDigit(line.slice(21, 31)));
        expect(line[32]).toBe(barcode[4]);
        expect(parseDigitableLine(line)).toBe(barcode);
        expect(parseDigitableLine(formatDigitableLine(line))).toBe(barcode);
      }),
    );
  });

  it("catches every single-digit change in fields 1–4, naming the field", () => {
    fc.assert(
      fc.property(boletoInputArb, fc.integer({ min: 0, max: 32 }), fc.integer({ min: 1, max: 9 }), (input, position, delta) => {
        const line = replaceDigit(digitableLine(buildBoletoBarcode(input)), position, delta);
        expect(() => parseDigitableLine(line)).toThrow(expect.objectContaining({ name: "BoletoCheckDigitError", field: fieldAt(position) }));
      }),
    );
  });

  it("catches a single-digit change in field 5 unless both sums fall in mod 11's blind spot", () => {
    const blindSpot = (remainder: number) => remainder === 0 || remainder === 1 || remainder === 10;
    fc.assert(
      fc.property(boletoInputArb, fc.integer({ min: 33, max: 46 }), fc.integer({ min: 1, max: 9 }), (input, position, delta) => {
        const barcode = buildBoletoBarcode(input);
        const line = replaceDigit(digitableLine(barcode), position, delta);
        const changedBarcode = barcode.slice(0, 5) + line.slice(33) + barcode.slice(19);
        const undetectable = blindSpot(mod11Remainder(barcode)) && blindSpot(mod11Remainder(changedBarcode));
        if (undetectable) expect(parseDigitableLine(line)).toBe(changedBarcode);
        else expect(() => parseDigitableLine(line)).toThrow(expect.objectContaining({ field: "general" }));
      }),
      { numRuns: 500 },
    );
  });
});
