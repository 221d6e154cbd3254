import { createHash, randomBytes } from "node:crypto";

// Secret keys: `sk_live_` / `sk_test_` + 32 base62 characters (~190 bits). Stored as SHA-256.
export type KeyMode = "live" | "test";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const KEY_PATTERN = /^sk_(live|test)_[0-9A-Za-z]{32}$/;

export function base62(bytes: Buffer, length: number): string {
  let out = "";
  for (const byte of bytes) {
    // 248 = 4 * 62: reject the top of the range so every character is equally likely.
    if (byte < 248) out += ALPHABET[byte % 62];
    if (out.length === length) return out;
  }
  throw new Error("not enough entropy");
}

export function generateSecret(mode: KeyMode): string {
  return `sk_${mode}_${base62(randomBytes(64), 32)}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** What may be shown after creation: `sk_test_4eC3…Xy9z`. */
export function displayPrefix(secret: string): string {
  return `${secret.slice(0, 12)}…${secret.slice(-4)}`;
}

