// EMV QR Code (Merchant Presented Mode) TLV encoding, the syntax of the Pix BR Code:
// each field is id (2 digits) + length (2 digits) + value, so a value is at most 99 characters.
// Templates (26 = Pix merchant account, 62 = additional data) nest fields in their value.

import { PixFormatError } from "./errors";

export interface TlvEntry {
  id: string;
  value: string;
  /** The nested fields, for the template ids in TEMPLATE_IDS. */
  children?: TlvEntry[];
}

/** Template fields whose value is itself a TLV list. */
export const TEMPLATE_IDS: ReadonlySet<string> = new Set(["26", "62"]);
export const MAX_TLV_VALUE_LENGTH = 99;

/**
 * One field. Only printable ASCII is allowed: EMV lengths count characters, and keeping to
 * ASCII makes characters, bytes (what the QR code and the CRC see) and lengths agree.
 */
export function tlv(id: string, value: string): string {
  if (!/^\d{2}$/.test(id)) throw new RangeError(`EMV field id must be 2 digits, got ${JSON.stringify(id)}`);
  if (value.length > MAX_TLV_VALUE_LENGTH) {
    throw new RangeError(`EMV field ${id} is ${value.length} characters long; the maximum is ${MAX_TLV_VALUE_LENGTH}`);
  }
  if (!/^[\x20-\x7e]*$/.test(value)) throw new RangeError(`EMV field ${id} must be printable ASCII`);
  return id + String(value.length).padStart(2, "0") + value;
}

/** The fields of a payload in order, templates 26 and 62 parsed one level down. */
export function parseTlv(payload: string): TlvEntry[] {
  return parseLevel(payload, "");
}

/** `template` is "" at the top level, else the id of the template being read. */
function parseLevel(text: string, template: string): TlvEntry[] {
  const where = template ? ` of template ${template}` : "";
  const entries: TlvEntry[] = [];
  let position = 0;
  while (position < text.length) {
    const header = text.slice(position, position + 4);
    if (!/^\d{4}$/.test(header)) {
      throw new PixFormatError(`expected a field id and length (4 digits) at position ${position}${where}, got ${JSON.stringify(header)}`);
    }
    const id = header.slice(0, 2);
    const length = Number(header.slice(2));
    const value = text.slice(position + 4, position + 4 + length);
    if (value.length !== length) {
      throw new PixFormatError(`field ${id} at position ${position}${where} declares ${length} characters but only ${value.length} remain`);
    }
    const nested = template === "" && TEMPLATE_IDS.has(id);
    entries.push(nested ? { id, value, children: parseLevel(value, id) } : { id, value });
    position += 4 + length;
  }
  return entries;
}
