import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import bcrypt from "bcryptjs";
import type { PasswordPolicy } from "@/db/schema";

// Portal passwords: bcrypt at cost 12 over a SHA-256 pre-hash.
//
// bcrypt reads at most 72 bytes, so two long passwords sharing their first 72 bytes would be
// the same password (and 72 bytes are only 24 characters of some scripts in UTF-8). Every
// password is therefore first reduced to base64(SHA-256(UTF-8 bytes)): 44 ASCII characters,
// no NUL byte, all of the password counts. The policy's max_length (>= 64 characters) only
// bounds the work a request can cause.
export const BCRYPT_COST = 12;

function preHash(password: string): string {
  return createHash("sha256").update(password.normalize("NFC"), "utf8").digest("base64");
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(preHash(password), BCRYPT_COST);
}

/** A valid bcrypt hash of a random value: compared against when there is no user or no password, so timing tells nothing. */
export const DUMMY_PASSWORD_HASH = "$2b$12$lCLys4xEMed1qGgZMqzoq.HtgAO5mw0lz9412mcPzHqPu7Ku/0FhW";

export function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  return bcrypt.compare(preHash(password), hash ?? DUMMY_PASSWORD_HASH).then((ok) => ok && hash !== null);
}

export function bcryptCost(hash: string): number {
  return bcrypt.getRounds(hash);
}

// --- the common-password list (lib/portal-auth/common-passwords.txt, 10 000 entries) ---
let common: Set<string> | undefined;

export const COMMON_PASSWORDS_FILE = path.join("lib", "portal-auth", "common-passwords.txt");

function commonPasswords(): Set<string> {
  if (common) return common;
  const text = fs.readFileSync(path.join(process.cwd(), COMMON_PASSWORDS_FILE), "utf8");
  common = new Set(text.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#")));
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase());
}

export type PasswordProblem =
  | { code: "too_short"; min: number }
  | { code: "too_long"; max: number }
  | { code: "common" }
  | { code: "same_as_email" };

/** Characters as a person counts them (code points, so "é" or an emoji is one). */
export const passwordLength = (password: string): number => [...password.normalize("NFC")].length;

/** The policy's verdict: null when acceptable. Minimum never below 8 whatever the settings say. */
export function checkPasswordPolicy(password: string, policy: PasswordPolicy, context: { email?: string | null } = {}): PasswordProblem | null {
  const min = Math.max(8, policy.min_length);
  const max = Math.max(64, policy.max_length);
  const length = passwordLength(password);
  if (length < min) return { code: "too_short", min };
  if (length > max) return { code: "too_long", max };
  if (policy.block_common && isCommonPassword(password)) return { code: "common" };
  if (context.email && password.trim().toLowerCase() === context.email.trim().toLowerCase()) return { code: "same_as_email" };
  return null;
}
