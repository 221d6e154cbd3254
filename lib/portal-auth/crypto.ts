import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Opaque secrets for portal auth: 256 random bits, base64url, stored only as their SHA-256.
export const TOKEN_BYTES = 32;

export function randomToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** `value` when it is one of our tokens (a binding cookie kept across flows), else a new one. */
export function keepOrNewToken(value: string | null | undefined): string {
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : randomToken();
}

export function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
