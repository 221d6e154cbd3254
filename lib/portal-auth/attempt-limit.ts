import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { rateLimitDecision, refilledLevel } from "@/lib/api/rate-limit";
import { addressBucket } from "@/lib/client-ip";
import { now } from "@/lib/clock";
import { derivedKey } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { logAccess } from "./access-log";
import type { RequestInfo } from "./context";
import { normalizeEmail } from "./lookup";

// Attempt limits of the portal's signed-out forms (password sign-in, sign-in link, password reset,
// second-factor code, SSO): token buckets (lib/api/rate-limit.ts, the API's own arithmetic), per
// client IP per portal, and per email address for the forms that send email. The per-account
// lockout (password-sign-in.ts) stops guessing one account's password; these stop one client from
// trying many accounts, or flooding somebody's inbox with links.
//
// - Checked before anything looks at the email, so the answer — and the work done — is the same
//   whether an account exists or not; an address's bucket fills for unknown addresses too.
// - The IP is the one our own proxy saw (TRUST_PROXY=1, lib/client-ip.ts). Without it the portal
//   cannot tell clients apart, so they share one bucket for the whole portal, with a larger limit.
// - When a bucket first refuses, a `rate_limited` row goes to the access log (once per run of
//   refusals, not per refused attempt: a flood does not flood the log).
//
// Storage: one attempt_buckets row per (organization, bucket), keyed by an HMAC of the bucket key
// (never the IP or address itself), refilled and taken from in one upsert. Rows past expires_at are
// full buckets and are pruned by the portal-tokens.prune job (prune.ts).
export type AttemptForm = "password" | "magic_link" | "password_reset" | "two_factor" | "sso_jwt" | "oidc" | "checkout";
export type BucketLimit = { capacity: number; refillPerSecond: number };

export const ATTEMPT_LIMITS = {
  /** Per client IP per portal, every form together: 20 at once (PORTAL_ATTEMPTS_PER_IP), then 1 a minute. */
  ip: { capacity: 20, refillPerSecond: 1 / 60 },
  /** The whole portal when the client IP is unknown (TRUST_PROXY unset): 100 at once, then 1 a second. */
  anyIp: { capacity: 100, refillPerSecond: 1 },
  /** Purchases tried from one client IP per portal (the anonymous checkout: accounts created, cards tried): 10 at once, then 1 every 5 minutes. */
  checkoutIp: { capacity: 10, refillPerSecond: 1 / 300 },
  /** Emails asked for one address (sign-in links and password resets together): 5 at once, then 1 every 12 minutes — at most 10 in any hour. */
  email: { capacity: 5, refillPerSecond: 1 / 720 },
} as const satisfies Record<string, BucketLimit>;

export type RateLimited = { ok: false; reason: "rate_limited"; limit: "ip" | "email"; retryAfterSeconds: number };
export type AttemptCheck = { ok: true } | RateLimited;

/** "Try again in N minutes": whole minutes, at least one. */
export const retryAfterMinutes = (seconds: number): number => Math.max(1, Math.ceil(seconds / 60));

let warnedUntrusted = false;

/**
 * Takes one attempt from the client's bucket (and from the address's, when `email` is given: the
 * forms that send email). Refused: how long until the next attempt is allowed.
 */
export async function takeAttempt(
  db: DbOrTx,
  input: { organizationId: string; form: AttemptForm; request: RequestInfo; email?: string | null },
): Promise<AttemptCheck> {
  const at = now();
  const address = input.request.ipTrusted ? addressBucket(input.request.ip) : null;
  if (!address && !warnedUntrusted && process.env.NODE_ENV === "production") {
    warnedUntrusted = true;
    log.warn("portal attempt limits: no trusted client IP (set TRUST_PROXY=1 behind your own proxy); every client shares one bucket per portal");
  }
  const email = input.email == null ? null : normalizeEmail(input.email).slice(0, 254);
  const checks = [
    // The checkout counts apart from the sign-in forms: a buyer's attempts never lock them out of signing in.
    input.form === "checkout"
      ? { limit: "ip" as const, key: address ? `checkout-ip:${address}` : "checkout-ip:*", rule: address ? ATTEMPT_LIMITS.checkoutIp : ATTEMPT_LIMITS.anyIp }
      : { limit: "ip" as const, key: address ? `ip:${address}` : "ip:*", rule: address ? { ...ATTEMPT_LIMITS.ip, capacity: env().PORTAL_ATTEMPTS_PER_IP } : ATTEMPT_LIMITS.anyIp },
    ...(email === null ? [] : [{ limit: "email" as const, key: `email:${email}`, rule: ATTEMPT_LIMITS.email }]),
  ];
  for (const check of checks) {
    const bucket = await takeFromBucket(db, { home: { organizationId: input.organizationId }, key: check.key, rule: check.rule, at });
    if (bucket.allowed) continue;
    const { retryAfterSeconds } = rateLimitDecision({ tokens: bucket.tokens, capacity: check.rule.capacity, refillRate: check.rule.refillPerSecond, allowed: false });
    if (bucket.tripped) {
      await logAccess(db, {
        organizationId: input.organizationId, event: "rate_limited", method: input.form, email,
        detail: `${check.limit === "ip" ? (address ? `ip ${address}` : "ip unknown") : "email"}: ${check.rule.capacity} attempts, then 1 every ${Math.round(1 / check.rule.refillPerSecond)} s`,
        request: input.request,
      });
    }
    return { ok: false, reason: "rate_limited", limit: check.limit, retryAfterSeconds };
  }
  return { ok: true };
}

export type Taken = { allowed: boolean; tokens: number; tripped: boolean };

const bucketKeySecret = () => derivedKey("attempt-buckets", "it keys the attempt-limit bucket hashes");

/**
 * The stored key of a bucket: HMAC-SHA-256 (keyed from APP_SECRET) of scope + bucket key, the
 * scope being the organization (or "staff" for the admin's sign-in). A plain SHA-256 of an IPv4
 * address or a known email is reversed by trying them all; this is not, without the secret. A new
 * APP_SECRET starts every bucket over, which is harmless.
 */
export function bucketKeyHash(scope: string, key: string): string {
  return createHmac("sha256", bucketKeySecret()).update(`${scope}:${key}`).digest("hex");
}

/** Where a bucket lives: a portal's (attempt_buckets, per organization) or the admin sign-in's (staff_attempt_buckets). */
export type BucketHome = { organizationId: string } | "staff";

/**
 * Refills and takes one token in one statement: the refill is the API buckets' own SQL
 * (refilledLevel), and the row lock of the upsert serializes concurrent takes of one bucket.
 * Refused, the level is kept as it is and `refusals` counts the run (1 = the first refusal).
 */
export async function takeFromBucket(db: DbOrTx, b: { home: BucketHome; key: string; rule: BucketLimit; at: Date }): Promise<Taken> {
  const full = new Date(b.at.getTime() + (b.rule.capacity / b.rule.refillPerSecond) * 1000); // untouched until then, it is full again
  const level = refilledLevel({
    tokens: sql`ab.tokens`,
    elapsedSeconds: sql`extract(epoch from excluded.refilled_at - ab.refilled_at)::float8`,
    capacity: sql`excluded.capacity::float8`,
    refillRate: sql`excluded.refill_rate`,
  });
  // A token is there when the level reaches 1, give or take float rounding (60 s × 1/60 per second).
  const enough = sql`${level} > 0.999999999`;
  const org = b.home === "staff" ? null : b.home.organizationId;
  const keyHash = bucketKeyHash(org ?? "staff", b.key);
  const into = org === null ? sql`staff_attempt_buckets as ab (key_hash` : sql`attempt_buckets as ab (organization_id, key_hash`;
  const keys = org === null ? sql`${keyHash}` : sql`${org}, ${keyHash}`;
  const conflict = org === null ? sql`(key_hash)` : sql`(organization_id, key_hash)`;
  const rows = await db.execute<{ tokens: number; refusals: number }>(sql`
    insert into ${into}, tokens, capacity, refill_rate, refusals, refilled_at, expires_at)
    values (
      ${keys}, ${b.rule.capacity - 1}, ${b.rule.capacity}, ${b.rule.refillPerSecond}, 0,
      ${b.at.toISOString()}::timestamptz, ${full.toISOString()}::timestamptz
    )
    on conflict ${conflict} do update set
      tokens = case when ${enough} then greatest(0::float8, ${level} - 1) else ${level} end,
      refusals = case when ${enough} then 0 else ab.refusals + 1 end,
      capacity = excluded.capacity,
      refill_rate = excluded.refill_rate,
      -- a node whose clock lags refills nothing (refilledLevel) and does not move the bucket back
      refilled_at = greatest(ab.refilled_at, excluded.refilled_at),
      expires_at = greatest(ab.expires_at, excluded.expires_at)
    returning tokens, refusals
  `);
  const row = rows[0]!;
  const refusals = Number(row.refusals);
  return { allowed: refusals === 0, tokens: Number(row.tokens), tripped: refusals === 1 };
}
