// Locale formatting shared by the invoice PDF and the portal: money from integer minor units,
// dates in UTC, Brazilian tax ids and addresses. Pure functions of (value, locale).
//
// Money never goes through float multiplication: the integer amount is split into units and
// remainder with BigInt and handed to Intl as an exact decimal string (Intl.NumberFormat v3).

import type { MerchantAddress, TaxAddress } from "@/db/schema";
import { formatDocument, normalizeDocument, type DocumentType } from "@/lib/billing-accounts/documents";

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** Decimal places of the currency's minor unit (BRL 2, JPY 0, KWD 3). */
export function currencyExponent(currency: string): number {
  return numberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** The exact decimal string of `amount / 10^exponent` ("-1234.56" for -123456, 2). */
export function scaledDecimal(amount: number | bigint, exponent: number): `${number}` {
  const value = BigInt(amount);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(exponent);
  const units = abs / scale;
  const fraction = (abs % scale).toString().padStart(exponent, "0");
  const text = exponent > 0 ? `${units}.${fraction}` : `${units}`;
  return (negative ? `-${text}` : text) as `${number}`;
}

/** `formatMoney(123456, "BRL", "pt-BR")` -> "R$ 1.234,56" (cents = the currency's minor unit). */
export function formatMoney(cents: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  return numberFormat(locale, { style: "currency", currency }).format(scaledDecimal(cents, exponent));
}

/**
 * A unit price in hundredths of the minor unit (subcents): whole cents print like any amount,
 * fractions of a cent with up to 2 more decimals ("R$ 0,0125" for 125 subcents).
 */
export function formatSubcents(subcents: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  return numberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent + 2,
  }).format(scaledDecimal(subcents, exponent + 2));
}

/** Quantities and other plain numbers: "1.500" in pt-BR, "1,500" in en. */
export function formatNumber(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 4 }).format(value);
}

// Intl puts thin spaces around range dashes and a narrow no-break space before "PM"; the PDF's
// standard fonts (WinAnsi) have neither glyph, so plain and no-break spaces stand in.
const plainSpaces = (text: string) => text.replace(/\u2009/g, " ").replace(/\u202f/g, "\u00a0");

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
    dateFormats.set(key, format);
  }
  return format;
}

export type DateStyle = "short" | "medium" | "long";

/** A calendar date in UTC: "5 de março de 2026" / "March 5, 2026" (long), "5 de mar. de 2026" (medium). */
export function formatDate(date: Date | string, locale: string, style: DateStyle = "long"): string {
  return plainSpaces(dateFormat(locale, { dateStyle: style }).format(toDate(date)));
}

/** A date and time in UTC, with the zone named: "10 de mar. de 2026, 15:30 UTC". */
export function formatDateTime(date: Date | string, locale: string): string {
  return plainSpaces(dateFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(toDate(date))) + " UTC";
}

/** A period, sharing what the two ends share: "Mar 5 – Apr 4, 2026". */
export function formatDateRange(start: Date | string, end: Date | string, locale: string, style: DateStyle = "medium"): string {
  const from = toDate(start);
  const to = toDate(end);
  if (from.getTime() > to.getTime()) return `${formatDate(from, locale, style)} – ${formatDate(to, locale, style)}`;
  return plainSpaces(dateFormat(locale, { dateStyle: style }).formatRange(from, to));
}

/** A Date, or an ISO string: "2026-03-10" is that calendar day at 00:00 UTC. */
export function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${JSON.stringify(value)}`);
  return date;
}

/** "cpf" for 11 characters, "cnpj" for 14 (punctuation ignored), else null. No check digits. */
export function taxIdType(input: string): DocumentType | null {
  const doc = normalizeDocument(input);
  return doc?.length === 11 ? "cpf" : doc?.length === 14 ? "cnpj" : null;
}

/** CPF "000.000.000-00" (11 characters) or CNPJ "00.000.000/0000-00" (14); anything else as given. */
export function formatTaxId(input: string, type?: DocumentType | null): string {
  const doc = normalizeDocument(input);
  const actual = taxIdType(input);
  if (!doc || !actual || (type && type !== actual)) return input;
  return formatDocument(actual, doc);
}

/** Brazilian CEP "01310-100"; other countries' codes as given. */
export function formatPostalCode(code: string, country: string): string {
  const digits = code.replace(/\D/g, "");
  return country.toUpperCase() === "BR" && digits.length === 8 ? `${digits.slice(0, 5)}-${digits.slice(5)}` : code;
}

/** An address as printed lines: street (with number and complement), district, "city - ST · CEP", and the country unless it goes without saying. */
export function formatAddressLines(address: MerchantAddress | TaxAddress, locale: string): string[] {
  const lines: string[] = [];
  if ("number" in address) {
    const street = [address.line1, address.number].filter(Boolean).join(", ");
    lines.push(address.complement ? `${street} – ${address.complement}` : street);
    if (address.district) lines.push(address.district);
  } else {
    lines.push(address.line2 ? `${address.line1} – ${address.line2}` : address.line1);
  }
  const brazil = address.country.toUpperCase() === "BR";
  const cityLine = [address.city, address.state].filter(Boolean).join(" - ");
  const postal = formatPostalCode(address.postal_code, address.country);
  lines.push(brazil ? `${cityLine} · CEP ${postal}` : `${cityLine} ${postal}`.trim());
  if (!(brazil && locale.toLowerCase().startsWith("pt"))) lines.push(countryName(address.country, locale));
  return lines;
}

function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
