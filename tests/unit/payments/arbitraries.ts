// Shared fixtures, fast-check arbitraries and independent re-implementations for the payment-instrument tests.
import fc from "fast-check";

const MS_PER_DAY = 86_400_000;
const FACTOR_BASE_MS = Date.UTC(1997, 9, 7);

/** UTC midnight of a calendar day. */
export const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * MS_PER_DAY);
/** Calendar days from the FEBRABAN base date 1997-10-07. */
export const daysSinceBase = (date: Date): number => Math.round((date.getTime() - FACTOR_BASE_MS) / MS_PER_DAY);

/** A UTC-midnight date between 2000-07-03 (factor 1000) and the end of 2099. */
export const dueDateArb = fc.integer({ min: 1000, max: daysSinceBase(day("2099-12-31")) }).map((days) => new Date(FACTOR_BASE_MS + days * MS_PER_DAY));

export const boletoInputArb = fc.record({
  bankCode: fc.stringMatching(/^\d{3}$/),
  currencyCode: fc.constantFrom("9", "0"),
  dueDate: fc.option(dueDateArb, { nil: null }),
  amountCents: fc.oneof(fc.integer({ min: 0, max: 9_999_999_999 }), fc.constantFrom(0, 1, 9_999_999_999)),
  freeField: fc.stringMatching(/^\d{25}$/),
});

/**
 * The FEBRABAN mod-11 remainder of the 43 barcode digits other than the DV, written out
 * independently of lib/: weights 2..9 from the right.
 */
export function mod11Remainder(barcode44: string): number {
  const digits = (barcode44.slice(0, 4) + barcode44.slice(5)).split("").map(Number).reverse();
  return digits.reduce((sum, digit, i) => sum + digit * (2 + (i % 8)), 0) % 11;
}

/** Luhn-style mod 10, written out independently of lib/. */
export function luhnCheckDigit(digits: string): number {
  const sum = digits
    .split("")
    .reverse()
    .map((d, i) => Number(d) * (i % 2 === 0 ? 2 : 1))
    .reduce((acc, product) => acc + Math.floor(product / 10) + (product % 10), 0);
  return (10 - (sum % 10)) % 10;
}

/** CRC-16/CCITT-FALSE one bit at a time, the textbook way, to cross-check the table version. */
export function bitwiseCrc16(text: string): number {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, "utf8")) {
    for (let bit = 7; bit >= 0; bit--) {
      const inputBit = (byte >> bit) & 1;
      const topBit = (crc >> 15) & 1;
      crc = (crc << 1) & 0xffff;
      if (topBit ^ inputBit) crc ^= 0x1021;
    }
  }
  return crc;
}

// The static example of the BCB "Manual de Padrões para Iniciação do Pix" (EVP key, Fulano de
// Tal, BRASILIA, no amount, txid ***), field by field:
//   000201                                   00 payload format "01"
//   2658 0014br.gov.bcb.pix                  26 Pix account (58 chars): GUI
//        0136123e4567-e12b-12d1-a456-426655440000          key (36 chars)
//   52040000 5303986 5802BR                  no MCC, BRL, Brazil
//   5913Fulano de Tal 6008BRASILIA           name (13), city (8)
//   6207 0503***                             62 { 05 txid "***" }
//   6304 1D3D                                CRC16 of everything up to and including "6304"
export const BCB_EXAMPLE =
  "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
