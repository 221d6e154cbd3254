// Errors for boleto strings we READ (a barcode or digitable line typed, scanned or stored).
// Values we BUILD from (amounts, dates, codes) that fall outside the FEBRABAN domain throw a plain
// RangeError instead: that is a programming error upstream, not bad input from a payer.

/** The text is not a boleto barcode / digitable line at all: wrong length, letters, … */
export class BoletoFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BoletoFormatError";
  }
}

/**
 * Which check digit failed. "field1".."field3" are the mod-10 DVs of the digitable line;
 * "general" is the mod-11 DV at barcode position 5 (field 4 of the digitable line), which also
 * guards field 5 (due factor + amount), the only field without its own DV.
 */
export type BoletoCheckDigitField = "field1" | "field2" | "field3" | "general";

const FIELD_LABEL: Record<BoletoCheckDigitField, string> = {
  field1: "digitable line field 1 (bank, currency, free field 1–5)",
  field2: "digitable line field 2 (free field 6–15)",
  field3: "digitable line field 3 (free field 16–25)",
  general: "general check digit (barcode position 5, digitable line field 4)",
};

/** A check digit does not match its digits: a typo, a misread, or a tampered slip. */
export class BoletoCheckDigitError extends BoletoFormatError {
  constructor(
    readonly field: BoletoCheckDigitField,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`wrong check digit, ${FIELD_LABEL[field]}: found ${actual}, expected ${expected}`);
    this.name = "BoletoCheckDigitError";
  }
}
