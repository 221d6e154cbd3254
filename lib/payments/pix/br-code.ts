// The Pix BR Code ("copia e cola" text, the content of the Pix QR code), per the BCB "Manual de
// Padrões para Iniciação do Pix" on top of EMV QRCPS Merchant Presented Mode:
//
//   00 "01"                       payload format
//   01 "12"                       single use — written for dynamic codes only
//   26 { 00 "br.gov.bcb.pix",     Pix merchant account template
//        01 key | 25 url,         static: the Pix key; dynamic: the location of the charge (no https://)
//        02 description }         optional, shown to the payer
//   52 "0000"  53 "986"           merchant category (none), currency (BRL)
//   54 "10.50"                    optional amount in reais, 2 decimals
//   58 "BR"  59 name  60 city     name ≤ 25, city ≤ 15 characters, ASCII
//   62 { 05 txid }                transaction id; "***" when the static code has none
//   63 CRC16                      over everything before it, "6304" included (crc16.ts)

import { crc16Hex } from "./crc16";
import { MAX_TLV_VALUE_LENGTH, parseTlv, tlv, type TlvEntry } from "./emv";
import { PixCrcMismatchError, PixFormatError } from "./errors";
import { normalizePixKey, pixKeyType } from "./key";
import { pixFreeText, pixNameText } from "./text";

export const PIX_GUI = "br.gov.bcb.pix";
export const MAX_MERCHANT_NAME_LENGTH = 25;
export const MAX_MERCHANT_CITY_LENGTH = 15;
export const MAX_PIX_URL_LENGTH = 77;
/** The txid of a static code that carries none (payer apps also ignore 62-05 in dynamic codes). */
export const NO_TXID = "***";
/** Field 54 holds at most 13 characters: "9999999999.99". */
export const MAX_PIX_AMOUNT_CENTS = 999_999_999_999;

export interface PixPayloadInput {
  /** Static code: the receiver's Pix key (CPF/CNPJ digits, +55 phone, e-mail or EVP UUID). */
  key?: string;
  /** Dynamic code: the charge's location, without "https://". Exactly one of key or url. */
  url?: string;
  merchantName: string;
  merchantCity: string;
  amountCents?: number;
  /** [A-Za-z0-9]{1,25}, or "***". */
  txid: string;
  description?: string;
}

export interface ParsedPixPayload {
  /** "dynamic" when the account template carries a url (25), "static" when a key (01). */
  kind: "static" | "dynamic";
  /** Field 01 = "12": the code may be paid once only. */
  singleUse: boolean;
  key?: string;
  url?: string;
  description?: string;
  merchantName: string;
  merchantCity: string;
  amountCents?: number;
  txid: string;
  crc: string;
}

/** The BR Code text. Names are made ASCII and cut to size; anything else invalid throws RangeError. */
export function buildPixPayload(input: PixPayloadInput): string {
  const merchantName = pixNameText(input.merchantName, MAX_MERCHANT_NAME_LENGTH);
  const merchantCity = pixNameText(input.merchantCity, MAX_MERCHANT_CITY_LENGTH).toUpperCase();
  if (!merchantName) throw new RangeError("merchantName has no characters a BR Code can carry");
  if (!merchantCity) throw new RangeError("merchantCity has no characters a BR Code can carry");
  if (input.txid !== NO_TXID && !/^[A-Za-z0-9]{1,25}$/.test(input.txid)) {
    throw new RangeError(`txid must be 1–25 letters and digits, or "***", got ${JSON.stringify(input.txid)}`);
  }
  const withoutCrc =
    tlv("00", "01") +
    (input.url !== undefined ? tlv("01", "12") : "") +
    tlv("26", merchantAccount(input)) +
    tlv("52", "0000") +
    tlv("53", "986") +
    (input.amountCents !== undefined ? tlv("54", formatAmount(input.amountCents)) : "") +
    tlv("58", "BR") +
    tlv("59", merchantName) +
    tlv("60", merchantCity) +
    tlv("62", tlv("05", input.txid)) +
    "6304";
  return withoutCrc + crc16Hex(withoutCrc);
}

function merchantAccount({ key, url, description }: PixPayloadInput): string {
  if ((key === undefined) === (url === undefined)) throw new RangeError("give exactly one of key (static) or url (dynamic)");
  let account = tlv("00", PIX_GUI);
  if (key !== undefined) {
    const normalized = normalizePixKey(key);
    if (!pixKeyType(normalized)) throw new RangeError(`not a Pix key (CPF, CNPJ, +55 phone, e-mail or EVP): ${JSON.stringify(key)}`);
    account += tlv("01", normalized);
  } else if (url !== undefined) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new RangeError("url is written without its scheme (no https://)");
    if (!/^[\x21-\x7e]+$/.test(url) || url.length > MAX_PIX_URL_LENGTH) {
      throw new RangeError(`url must be 1–${MAX_PIX_URL_LENGTH} printable ASCII characters without spaces`);
    }
    account += tlv("25", url);
  }
  if (description !== undefined) {
    // Template 26 is one EMV field (≤ 99 characters): the description gets what the key leaves.
    const room = MAX_TLV_VALUE_LENGTH - account.length - 4;
    const text = pixFreeText(description, Math.max(room, 0));
    if (text) account += tlv("02", text);
  }
  return account;
}

function formatAmount(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents <= 0 || cents > MAX_PIX_AMOUNT_CENTS) {
    throw new RangeError(`amountCents must be a whole number of cents from 1 to ${MAX_PIX_AMOUNT_CENTS}, got ${cents}`);
  }
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

/**
 * Reads a BR Code: checks the CRC first (PixCrcMismatchError), then the structure and the
 * mandatory fields (PixFormatError). Surrounding whitespace, as left by copy and paste, is ignored.
 */
export function parsePixPayload(payload: string): ParsedPixPayload {
  const text = payload.trim();
  if (!/6304[0-9A-Fa-f]{4}$/.test(text)) throw new PixFormatError("a BR Code ends with field 63: 6304 and 4 hex digits");
  const expected = crc16Hex(text.slice(0, -4));
  const actual = text.slice(-4).toUpperCase();
  if (actual !== expected) throw new PixCrcMismatchError(expected, actual);

  const entries = parseTlv(text);
  if (entries[0]?.id !== "00" || entries[0].value !== "01") throw new PixFormatError('a BR Code starts with field 00 = "01"');
  if (entries.at(-1)?.id !== "63") throw new PixFormatError("field 63 (CRC) must be the last field");
  const account = requiredField(entries, "26").children ?? [];
  if (requiredField(account, "00", "26-").value.toLowerCase() !== PIX_GUI) throw new PixFormatError(`template 26 is not a Pix account (${PIX_GUI})`);
  const key = findField(account, "01")?.value;
  const url = findField(account, "25")?.value;
  if ((key === undefined) === (url === undefined)) throw new PixFormatError("template 26 must hold exactly one of a key (01) or a url (25)");
  if (requiredField(entries, "53").value !== "986") throw new PixFormatError("field 53 must be 986 (BRL)");
  if (requiredField(entries, "58").value !== "BR") throw new PixFormatError('field 58 must be "BR"');
  const amount = findField(entries, "54")?.value;
  const description = findField(account, "02")?.value;
  const additionalData = requiredField(entries, "62").children ?? [];

  return {
    kind: url !== undefined ? "dynamic" : "static",
    singleUse: findField(entries, "01")?.value === "12",
    ...(key !== undefined && { key }),
    ...(url !== undefined && { url }),
    ...(description !== undefined && { description }),
    merchantName: requiredField(entries, "59").value,
    merchantCity: requiredField(entries, "60").value,
    ...(amount !== undefined && { amountCents: parseAmount(amount) }),
    txid: requiredField(additionalData, "05", "62-").value,
    crc: actual,
  };
}

function findField(entries: TlvEntry[], id: string): TlvEntry | undefined {
  return entries.find((entry) => entry.id === id);
}

/** `where` prefixes the id in the error, e.g. "62-" for the txid inside template 62. */
function requiredField(entries: TlvEntry[], id: string, where = ""): TlvEntry {
  const found = findField(entries, id);
  if (!found || found.value === "") throw new PixFormatError(`field ${where}${id} is missing`);
  return found;
}

function parseAmount(value: string): number {
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw new PixFormatError(`field 54 is not an amount: ${JSON.stringify(value)}`);
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}
