import { createHmac, randomInt } from "node:crypto";
import { derivedKey } from "@/lib/crypto/secret-box";
import { sameHash } from "./crypto";

// Recovery codes: 10 per enrollment, shown once, each usable once instead of a TOTP code.
// A code is 10 characters from an alphabet without look-alikes (about 49 bits), shown as
// "xxxxx-xxxxx". Only an HMAC is stored, keyed from APP_SECRET and salted with the user's id, so
// a copy of the database alone does not allow guessing them offline.
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const LENGTH = 10;

const hmacKey = () => derivedKey("portal-recovery-codes", "it keys the recovery code hashes");

/** Lower case, separators dropped; null when it cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]+/g, "");
  return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

export function hashRecoveryCode(portalUserId: string, code: string): string {
  return createHmac("sha256", hmacKey()).update(`${portalUserId}:${code}`).digest("hex");
}

/** New codes (as shown to the user) and the hashes to store. */
export function newRecoveryCodes(portalUserId: string): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  return { codes, hashes: codes.map((c) => hashRecoveryCode(portalUserId, normalizeRecoveryCode(c)!)) };
}

/** The stored hashes without the one this code matches, or null when it matches none. */
export function spendRecoveryCode(portalUserId: string, hashes: readonly string[], input: string): string[] | null {
  const code = normalizeRecoveryCode(input);
  if (!code) return null;
  const hash = hashRecoveryCode(portalUserId, code);
  const index = hashes.findIndex((h) => sameHash(h, hash));
  return index === -1 ? null : hashes.filter((_, i) => i !== index);
}
