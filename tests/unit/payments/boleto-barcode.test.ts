import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  boletoAmountFits,
  BoletoCheckDigitError,
  BoletoFormatError,
  buildBoletoBarcode,
  barcodeCheckDigit,
  dueFactor,
  parseBoletoBarcode,
  parseSandboxFreeField,
  sandboxFreeField,
} from "@/lib/payments/boleto";
import { addDays, boletoInputArb, day, mod11Remainder } from "./arbitraries";

// The worked example used throughout: Banco do Brasil (001), real (9), R$ 1.234,56, and the
// sandbox free field for convênio 1234567, nosso número 1, carteira 17:
//   "000000" + "1234567" + "0000000001" + "17" = "0000001234567000000000117"
const FREE_FIELD = "0000001234567000000000117";
const example = (dueDate: Date | null, amountCents = 123_456) => buildBoletoBarcode({ bankCode: "001", dueDate, amountCents, freeField: FREE_FIELD });

describe("buildBoletoBarcode — worked examples", () => {
  // Layout: bank "001" + currency "9" + DV + factor + amount "0000123456" + FREE_FIELD.
  // The DV is mod 11 over the 43 other digits, weights 2..9 cycling from the right. Weights
  // line up with the 43 digits as 4329 | 8765 | 4329876543 | 2987654329876543298765432, so:
  //   "0019"       × 4,3,2,9  = 1×2 + 9×9                                   =  83
  //   "0000123456" × 4..3     = 1×8 + 2×7 + 3×6 + 4×5 + 5×4 + 6×3            =  98
  //   FREE_FIELD   × 2..2     = 1×4 + 2×3 + 3×2 + 4×9 + 5×8 + 6×7 + 7×6
  //                             + 1×4 + 1×3 + 7×2                           = 197
  //   factor       × 8,7,6,5  = depends on the due date (below)
  // DV = 11 − (sum mod 11); results 10 and 11 become 1 (FEBRABAN never writes 0 here).
  it("due 2025-02-22 (factor 1000): sum 83 + 8 + 98 + 197 = 386 = 35 × 11 + 1 -> 11 − 1 = 10 -> DV 1", () => {
    expect(example(day("2025-02-22"))).toBe("00191100000001234560000001234567000000000117");
  });

  it("due 2025-02-21 (factor 9999): 9 × (8+7+6+5) = 234; sum 612 = 55 × 11 + 7 -> DV 4", () => {
    expect(example(day("2025-02-21"))).toBe("00194999900001234560000001234567000000000117");
  });

  it("due 2000-07-03 (factor 1000): the same barcode as 2025-02-22 — the wrap makes them equal", () => {
    expect(example(day("2000-07-03"))).toBe(example(day("2025-02-22")));
  });

  it("due 2026-03-10 (factor 1381): 1×8 + 3×7 + 8×6 + 1×5 = 82; sum 460 = 41 × 11 + 9 -> DV 2", () => {
    expect(example(day("2026-03-10"))).toBe("00192138100001234560000001234567000000000117");
  });

  it("no due date (factor 0000): sum 378 = 34 × 11 + 4 -> DV 7", () => {
    expect(example(null)).toBe("00197000000001234560000001234567000000000117");
  });

  it("the sandbox free field is 000000 + convênio(7) + nosso número(10) + carteira(2)", () => {
    expect(sandboxFreeField({ agreement: 1_234_567, ourNumber: 1, wallet: 17 })).toBe(FREE_FIELD);
    expect(parseSandboxFreeField(FREE_FIELD)).toEqual({ agreement: 1_234_567, ourNumber: 1, wallet: 17 });
    expect(() => sandboxFreeField({ agreement: 10_000_000, ourNumber: 1, wallet: 17 })).toThrow(/agreement/);
    expect(() => sandboxFreeField({ agreement: 1, ourNumber: 1, wallet: 100 })).toThrow(/wallet/);
    expect(() => parseSandboxFreeField("1".repeat(25))).toThrow(BoletoFormatError);
  });
});

describe("buildBoletoBarcode — domain", () => {
  it("boletoAmountFits: 0 to 9 999 999 999 whole cents", () => {
    expect([0, 1, 9_999_999_999].map(boletoAmountFits)).toEqual([true, true, true]);
    expect([10_000_000_000, -1, 1.5, Number.NaN].map(boletoAmountFits)).toEqual([false, false, false, false]);
  });

  it("refuses amounts over R$ 99.999.999,99 with a RangeError that says so", () => {
    expect(() => example(day("2026-03-10"), 10_000_000_000)).toThrow(RangeError);
    expect(() => example(day("2026-03-10"), 10_000_000_000)).toThrow(/9999999999/);
    expect(example(day("2026-03-10"), 9_999_999_999).slice(9, 19)).toBe("9999999999");
  });

  it("refuses malformed codes and pre-2000-07-03 due dates", () => {
    const base = { bankCode: "001", dueDate: null, amountCents: 100, freeField: FREE_FIELD };
    expect(() => buildBoletoBarcode({ ...base, bankCode: "1" })).toThrow(/bankCode/);
    expect(() => buildBoletoBarcode({ ...base, currencyCode: "R" })).toThrow(/currencyCode/);
    expect(() => buildBoletoBarcode({ ...base, freeField: FREE_FIELD.slice(1) })).toThrow(/freeField/);
    expect(() => buildBoletoBarcode({ ...base, dueDate: day("1999-12-31") })).toThrow(/2000-07-03/);
  });

  it("is always 44 digits with a general DV that an independent mod 11 accepts", () => {
    fc.assert(
      fc.property(boletoInputArb, (input) => {
        const barcode = buildBoletoBarcode(input);
        expect(barcode).toMatch(/^\d{44}$/);
        const remainder = mod11Remainder(barcode);
        expect(Number(barcode[4])).toBe(remainder <= 1 || remainder === 10 ? 1 : 11 - remainder);
        expect(barcodeCheckDigit(barcode.slice(0, 4) + barcode.slice(5))).toBe(Number(barcode[4]));
      }),
    );
  });
});

describe("parseBoletoBarcode", () => {
  it("reads the worked example back", () => {
    expect(parseBoletoBarcode("00192138100001234560000001234567000000000117", { referenceDate: day("2026-03-01") })).toEqual({
      bankCode: "001",
      currencyCode: "9",
      checkDigit: 2,
      dueFactor: 1381,
      dueDate: day("2026-03-10"),
      amountCents: 123_456,
      freeField: FREE_FIELD,
    });
    expect(parseBoletoBarcode(example(null), { referenceDate: day("2026-03-01") })).toMatchObject({ dueFactor: 0, dueDate: null });
  });

  it("round-trips built barcodes when the due date is within the reference window", () => {
    fc.assert(
      fc.property(boletoInputArb, fc.integer({ min: -3000, max: 5999 }), (input, offset) => {
        const referenceDate = input.dueDate ? addDays(input.dueDate, -offset) : day("2026-01-01");
        const parsed = parseBoletoBarcode(buildBoletoBarcode(input), { referenceDate });
        expect(parsed).toMatchObject({ ...input, dueFactor: input.dueDate ? dueFactor(input.dueDate) : 0 });
      }),
    );
  });

  it("rejects a wrong general DV, a wrong length and a pre-2000 factor", () => {
    const referenceDate = day("2026-01-01");
    const wrongDv = "00199138100001234560000001234567000000000117";
    expect(() => parseBoletoBarcode(wrongDv, { referenceDate })).toThrow(BoletoCheckDigitError);
    expect(() => parseBoletoBarcode(wrongDv, { referenceDate })).toThrow(expect.objectContaining({ field: "general", expected: 2, actual: 9 }));
    expect(() => parseBoletoBarcode("0019", { referenceDate })).toThrow(BoletoFormatError);
    const factor0500 = "0019" + "0500" + "0000123456" + FREE_FIELD;
    const barcode = factor0500.slice(0, 4) + barcodeCheckDigit(factor0500) + factor0500.slice(4);
    expect(() => parseBoletoBarcode(barcode, { referenceDate })).toThrow(/predates 2000-07-03/);
  });
});
