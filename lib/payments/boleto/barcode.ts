// The 44-digit barcode of a FEBRABAN "boleto de cobrança" (bank collection slip):
//
//   positions  1–3   bank code (COMPE, e.g. 001 Banco do Brasil)
//              4     currency code (9 = real)
//              5     general check digit (mod 11, see check-digits.ts)
//              6–9   due-date factor (see due-factor.ts; 0000 = no due date)
//             10–19  amount in cents, zero-padded (0 = amount filled in by the payer)
//             20–44  free field ("campo livre"), laid out by each bank (see free-field.ts)

import { barcodeCheckDigit } from "./check-digits";
import { dueDateFromFactor, dueFactor, MIN_DUE_FACTOR, NO_DUE_DATE_FACTOR } from "./due-factor";
import { BoletoCheckDigitError, BoletoFormatError } from "./errors";

export const BARCODE_LENGTH = 44;
export const FREE_FIELD_LENGTH = 25;
/** Ten amount digits: R$ 99.999.999,99 is the largest amount a boleto can carry. */
export const MAX_BOLETO_AMOUNT_CENTS = 9_999_999_999;
export const CURRENCY_REAL = "9";

export interface BoletoBarcodeInput {
  /** 3-digit COMPE bank code, e.g. "001". */
  bankCode: string;
  /** 1 digit; "9" (real) unless told otherwise. */
  currencyCode?: string;
  /** The due date (its UTC calendar day), or null for a slip without due date (factor 0000). */
  dueDate: Date | null;
  amountCents: number;
  /** 25 digits, bank-specific. */
  freeField: string;
}

export interface ParsedBoletoBarcode {
  bankCode: string;
  currencyCode: string;
  checkDigit: number;
  /** 0 when the slip has no due date, else 1000..9999. */
  dueFactor: number;
  dueDate: Date | null;
  amountCents: number;
  freeField: string;
}

/** Whether an amount fits the barcode's 10 digits (and is a whole, non-negative cent count). */
export function boletoAmountFits(amountCents: number): boolean {
  return Number.isSafeInteger(amountCents) && amountCents >= 0 && amountCents <= MAX_BOLETO_AMOUNT_CENTS;
}

export function buildBoletoBarcode(input: BoletoBarcodeInput): string {
  const { bankCode, currencyCode = CURRENCY_REAL, dueDate, amountCents, freeField } = input;
  requireDigits(bankCode, 3, "bankCode");
  requireDigits(currencyCode, 1, "currencyCode");
  requireDigits(freeField, FREE_FIELD_LENGTH, "freeField");
  if (!boletoAmountFits(amountCents)) {
    throw new RangeError(`amountCents must be a whole number of cents from 0 to ${MAX_BOLETO_AMOUNT_CENTS} (R$ 99.999.999,99), got ${amountCents}`);
  }
  const factor = dueDate === null ? NO_DUE_DATE_FACTOR : dueFactor(dueDate);
  const withoutCheckDigit =
    bankCode + currencyCode + String(factor).padStart(4, "0") + String(amountCents).padStart(10, "0") + freeField;
  const checkDigit = barcodeCheckDigit(withoutCheckDigit);
  return withoutCheckDigit.slice(0, 4) + checkDigit + withoutCheckDigit.slice(4);
}

/**
 * Throws BoletoFormatError unless `barcode` is 44 digits, and BoletoCheckDigitError ("general")
 * unless its position-5 check digit matches the other 43.
 */
export function assertBoletoBarcode(barcode: string): void {
  if (!/^\d{44}$/.test(barcode)) {
    throw new BoletoFormatError(`a boleto barcode is ${BARCODE_LENGTH} digits, got ${JSON.stringify(barcode)}`);
  }
  const expected = barcodeCheckDigit(barcode.slice(0, 4) + barcode.slice(5));
  const actual = Number(barcode[4]);
  if (actual !== expected) throw new BoletoCheckDigitError("general", expected, actual);
}

/**
 * Reads a barcode back. The due factor names one date per 9000-day cycle; `referenceDate`
 * (normally today) picks the cycle — see dueDateFromFactor.
 */
export function parseBoletoBarcode(barcode: string, options: { referenceDate: Date }): ParsedBoletoBarcode {
  assertBoletoBarcode(barcode);
  const factor = Number(barcode.slice(5, 9));
  if (factor !== NO_DUE_DATE_FACTOR && factor < MIN_DUE_FACTOR) {
    throw new BoletoFormatError(`due-date factor ${barcode.slice(5, 9)} predates 2000-07-03 (factor 1000); not a current boleto`);
  }
  return {
    bankCode: barcode.slice(0, 3),
    currencyCode: barcode.slice(3, 4),
    checkDigit: Number(barcode[4]),
    dueFactor: factor,
    dueDate: factor === NO_DUE_DATE_FACTOR ? null : dueDateFromFactor(factor, options.referenceDate),
    amountCents: Number(barcode.slice(9, 19)),
    freeField: barcode.slice(19),
  };
}

function requireDigits(value: string, length: number, what: string): void {
  if (typeof value !== "string" || value.length !== length || !/^\d+$/.test(value)) {
    throw new RangeError(`${what} must be ${length} digit${length === 1 ? "" : "s"}, got ${JSON.stringify(value)}`);
  }
}
