// Pix keys ("chaves Pix") as the DICT directory registers them. Only the format is checked —
// not the CPF/CNPJ check digits, and certainly not that the key is registered to anyone.

export type PixKeyType = "cpf" | "cnpj" | "phone" | "email" | "evp";

/** DICT's maximum key length (an e-mail key can be up to 77 characters). */
export const MAX_PIX_KEY_LENGTH = 77;

const KEY_FORMATS: ReadonlyArray<readonly [PixKeyType, RegExp]> = [
  ["cpf", /^\d{11}$/], // digits only, no punctuation
  ["cnpj", /^\d{14}$/],
  ["phone", /^\+55\d{10,11}$/], // +55, area code (2), number (8 or 9 digits)
  ["evp", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/], // random key (UUID)
  ["email", /^[a-z0-9.!#$&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/],
];

/**
 * The key as DICT stores it: surrounding whitespace trimmed, and e-mail and EVP keys lower-cased
 * (DICT registers both in lower case; e-mail domains and UUIDs are case-insensitive anyway).
 */
export function normalizePixKey(key: string): string {
  const trimmed = key.trim();
  return /^\+?\d+$/.test(trimmed) ? trimmed : trimmed.toLowerCase();
}

/** Which kind of key this is, or null when it is none (checked after normalizePixKey). */
export function pixKeyType(key: string): PixKeyType | null {
  if (key.length === 0 || key.length > MAX_PIX_KEY_LENGTH) return null;
  for (const [type, format] of KEY_FORMATS) if (format.test(key)) return type;
  return null;
}
