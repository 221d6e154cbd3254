// The 47-digit "linha digitável": the barcode rearranged for people to type, in five fields.
//
//   field 1 (10)  bank(3) + currency(1) + free field 1–5   + mod-10 DV
//   field 2 (11)  free field 6–15                          + mod-10 DV
//   field 3 (11)  free field 16–25                         + mod-10 DV
//   field 4 (1)   the barcode's general check digit (mod 11)
//   field 5 (14)  due factor(4) + amount(10)               (no DV of its own; field 4 guards it)
//
// Printed as "AAABC.CCCCX DDDDD.DDDDDY EEEEE.EEEEEZ K UUUUVVVVVVVVVV".

import { assertBoletoBarcode } from "./barcode";
import { mod10CheckDigit } from "./check-digits";
import { BoletoCheckDigitError, BoletoFormatError, type BoletoCheckDigitField } from "./errors";

export const DIGITABLE_LINE_LENGTH = 47;

/** The digitable line (47 digits, no punctuation) of a valid 44-digit barcode. */
export function digitableLine(barcode: string): string {
  assertBoletoBarcode(barcode);
  const field1 = barcode.slice(0, 4) + barcode.slice(19, 24);
  const field2 = barcode.slice(24, 34);
  const field3 = barcode.slice(34, 44);
  return (
    field1 + mod10CheckDigit(field1) +
    field2 + mod10CheckDigit(field2) +
    field3 + mod10CheckDigit(field3) +
    barcode[4] +
    barcode.slice(5, 19)
  );
}

/** "00190000090123456789012345678901210000000012345" -> "00190.00009 01234.567890 12345.678901 2 10000000012345". */
export function formatDigitableLine(line: string): string {
  if (!/^\d{47}$/.test(line)) {
    throw new BoletoFormatError(`a digitable line is ${DIGITABLE_LINE_LENGTH} digits, got ${JSON.stringify(line)}`);
  }
  return [
    `${line.slice(0, 5)}.${line.slice(5, 10)}`,
    `${line.slice(10, 15)}.${line.slice(15, 21)}`,
    `${line.slice(21, 26)}.${line.slice(26, 32)}`,
    line.slice(32, 33),
    line.slice(33),
  ].join(" ");
}

/**
 * The barcode of a typed or pasted digitable line. Dots, spaces and hyphens are ignored; any
 * other character, a wrong length, or a wrong check digit throws — BoletoCheckDigitError names
 * the first failing field (1, 2, 3, then the general DV).
 */
export function parseDigitableLine(text: string): string {
  const line = text.replace(/[\s.-]/g, "");
  if (!/^\d*$/.test(line)) {
    throw new BoletoFormatError("a digitable line holds only digits (dots, spaces and hyphens are ignored)");
  }
  if (line.length !== DIGITABLE_LINE_LENGTH) {
    // 48 digits starting with 8 is a utility/tax slip ("arrecadação"), a different standard.
    throw new BoletoFormatError(`a boleto digitable line is ${DIGITABLE_LINE_LENGTH} digits, got ${line.length}`);
  }
  checkField(line.slice(0, 9), line[9], "field1");
  checkField(line.slice(10, 20), line[20], "field2");
  checkField(line.slice(21, 31), line[31], "field3");
  const barcode =
    line.slice(0, 4) + line[32] + line.slice(33, 47) + line.slice(4, 9) + line.slice(10, 20) + line.slice(21, 31);
  assertBoletoBarcode(barcode); // the general DV
  return barcode;
}

function checkField(digits: string, checkDigit: string | undefined, field: BoletoCheckDigitField): void {
  const expected = mod10CheckDigit(digits);
  const actual = Number(checkDigit);
  if (actual !== expected) throw new BoletoCheckDigitError(field, expected, actual);
}
