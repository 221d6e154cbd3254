import { generateSecret, generateURI, verify } from "otplib";
import { open, seal } from "@/lib/crypto/secret-box";

// TOTP primitives (RFC 6238, what authenticator apps and Debian's `oathtool --totp` compute):
// 30-second steps, 6 digits, SHA-1, a 160-bit secret. The secret is sealed at rest
// (lib/crypto/secret-box, its own derived key). A code is accepted for the current step and
// one step either side (clock drift), and only for a step after the last one accepted, so an
// observed code cannot be used again (replay).
export const TOTP_PERIOD_SECONDS = 30;
const SEAL_PURPOSE = "portal-totp";

export function newTotpSecret(): string {
  return generateSecret(); // 20 random bytes, base32
}

export const sealTotpSecret = (secret: string): string => seal(secret, SEAL_PURPOSE);
export const openTotpSecret = (sealed: string): string => open(sealed, SEAL_PURPOSE);

/** The `otpauth://` URI a QR code carries: the portal's name as issuer, the email as label. */
export function totpUri(input: { issuer: string; label: string; secret: string }): string {
  return generateURI({ issuer: input.issuer, label: input.label, secret: input.secret });
}

/** The secret for typing by hand: groups of 4 characters ("ABCD EFGH …"). */
export function groupedKey(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** Six digits, spaces and dashes ignored (apps show "123 456"); anything else is not a TOTP code. */
export function asTotpCode(input: string): string | null {
  const code = input.replace(/[\s-]+/g, "");
  return /^\d{6}$/.test(code) ? code : null;
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "invalid" | "replayed" };

/**
 * Checks a code at `at` (the business clock) within ±1 step. `lastStep` is the step of the last
 * code accepted for this user: a code of that step or an earlier one is a replay.
 */
export async function checkTotpCode(secret: string, input: string, options: { lastStep: number | null; at: Date }): Promise<TotpCheck> {
  const token = asTotpCode(input);
  if (!token) return { ok: false, reason: "invalid" };
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(options.at.getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_PERIOD_SECONDS, // [epoch - 30 s, epoch + 30 s]: the previous, current and next step
  });
  if (!result.valid || !("timeStep" in result)) return { ok: false, reason: "invalid" };
  if (options.lastStep !== null && result.timeStep <= options.lastStep) return { ok: false, reason: "replayed" };
  return { ok: true, step: result.timeStep };
}
