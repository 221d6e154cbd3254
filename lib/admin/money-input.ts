import { currencyExponent } from "@/lib/invoices/format";

// Amounts typed by staff ("99,90", "1.299,90", "99.90", "R$ 12") into the integers the API takes,
// exactly: no floats, and more decimals than the unit holds is refused rather than rounded. The
// admin's one parser of typed money: prices in subcents (4 decimals: R$ 0,0125 per API call),
// amounts in the currency's minor units (cents: credits, refunds, coupons), percentages in basis
// points (2 decimals of a percent: 12,5 % = 1250 bps).

/**
 * A decimal amount as an integer of `decimals` places, or null when it is not one. A separator
 * ("," or ".") that appears once is the decimal separator (Brazil first: "99,90"); one that
 * appears several times, or before the other, groups thousands ("1.299,90", "1,299.90").
 */
export function parseDecimalAmount(text: string, decimals: number): number | null {
  const s = text.trim().replace(/^R\$\s*/i, "").replace(/\s/g, "");
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  let decimalSep: string | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimalSep = lastComma > lastDot ? "," : ".";
  else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? "," : ".";
    decimalSep = s.split(sep).length === 2 ? sep : null;
  }
  const [whole, fraction = ""] = decimalSep ? [s.slice(0, s.lastIndexOf(decimalSep)), s.slice(s.lastIndexOf(decimalSep) + 1)] : [s, ""];
  const groupSep = decimalSep ? (decimalSep === "," ? "." : ",") : s.includes(",") ? "," : ".";
  // Thousands groups must be groups of three ("1.299", not "12.99" read as a thousand).
  if (!/^\d+$/.test(whole.replaceAll(groupSep, "")) || (whole.includes(groupSep) && !new RegExp(`^\\d{1,3}(\\${groupSep}\\d{3})+$`).test(whole))) return null;
  if (decimalSep && !/^\d+$/.test(fraction)) return null;
  if (fraction.length > decimals) return null;
  const digits = `${whole.replaceAll(groupSep, "")}${fraction.padEnd(decimals, "0")}`.replace(/^0+(?=\d)/, "");
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : null;
}

/** An amount in `currency`'s minor units ("1.234,56" BRL -> 123456; "500" JPY -> 500), or null. */
export const parseMoneyToCents = (text: string, currency: string) => parseDecimalAmount(text, currencyExponent(currency));
/** A price amount ("49,90") in subcents (1/10 000 of the unit): 499000. */
export const moneyToSubcents = (text: string) => parseDecimalAmount(text, 4);
/** A coupon amount ("50" or "50,00") in cents: 5000. */
export const moneyToCents = (text: string) => parseDecimalAmount(text, 2);
/** A percentage ("10" or "12,5") in basis points: 1000, 1250. */
export const percentToBps = (text: string) => parseDecimalAmount(text.replace(/%\s*$/, ""), 2);

/** The inverse, to fill a form with a saved amount: 499000 subcents -> "49,90" (at least 2 decimals). */
export function amountText(value: number, decimals: number): string {
  const scale = 10 ** decimals;
  const whole = Math.trunc(value / scale);
  let fraction = String(value % scale).padStart(decimals, "0").replace(/0+$/, "");
  if (fraction.length < 2 && decimals >= 2) fraction = fraction.padEnd(2, "0");
  return fraction ? `${whole},${fraction}` : String(whole);
}

export const MONEY_HINT = "An amount such as 99,90 or 1.299,90 (a dot works as the decimal separator too: 99.90).";
