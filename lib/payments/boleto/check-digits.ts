// The two FEBRABAN check-digit rules of the boleto de cobrança.

function digitAt(digits: string, index: number): number {
  return digits.charCodeAt(index) - 48;
}

/**
 * Mod 10 DV of digitable-line fields 1–3: weights 2, 1, 2, 1, … from the rightmost digit; a
 * two-digit product counts as the sum of its digits (7 × 2 = 14 counts 1 + 4 = 5);
 * DV = (10 − sum mod 10) mod 10. The doubling-with-digit-sum is a bijection on 0–9, which is
 * why every single-digit typo inside a field changes its DV.
 */
export function mod10CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = digits.length - 1, weight = 2; i >= 0; i--, weight = 3 - weight) {
    const product = digitAt(digits, i) * weight;
    sum += product > 9 ? product - 9 : product; // digit sum of 10..18 is product − 9
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * General DV (DAC) of the 44-digit barcode, computed over the 43 other digits: weights 2..9
 * cycling from the right, DV = 11 − (sum mod 11). FEBRABAN forbids 0 in this position, so the
 * results 10 and 11 (remainders 1 and 0) become 1 — which means remainders 0, 1 and 10 all give
 * DV 1, a known blind spot: a change that moves the sum between those remainders goes unnoticed.
 */
export function barcodeCheckDigit(digits43: string): number {
  let sum = 0;
  for (let i = digits43.length - 1, weight = 2; i >= 0; i--, weight = weight === 9 ? 2 : weight + 1) {
    sum += digitAt(digits43, i) * weight;
  }
  const dv = 11 - (sum % 11);
  return dv >= 10 ? 1 : dv;
}
