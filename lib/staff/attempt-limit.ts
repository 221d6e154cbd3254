import { CredentialsSignin } from "@auth/core/errors";
import type { DbOrTx } from "@/db";
import { rateLimitDecision } from "@/lib/api/rate-limit";
import { addressBucket } from "@/lib/client-ip";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { takeFromBucket, type BucketLimit } from "@/lib/portal-auth/attempt-limit";
import { requestInfoFrom } from "@/lib/portal-auth/context";

// The admin's password sign-in is limited like the portal's forms (the same token buckets, in
// staff_attempt_buckets since staff belong to no one organization when they sign in):
// - per email address: stops guessing one staff member's password from many addresses;
// - per client IP, when the IP is known (server.ts or TRUST_PROXY=1): stops one client trying
//   many accounts. Without a trusted IP only the per-address limit applies (one bucket for
//   every client would let anyone keep all staff from signing in).
// Taken before the password is checked, so the answer and the work are the same whether the
// account exists or not. A refused staff member can still sign in with a link by email.
export const STAFF_ATTEMPT_LIMITS = {
  /** Per email address: 10 at once (STAFF_ATTEMPTS_PER_EMAIL), then 1 every 2 minutes. */
  email: { capacity: 10, refillPerSecond: 1 / 120 },
  /** Per client IP: 30 at once (STAFF_ATTEMPTS_PER_IP), then 1 a minute. */
  ip: { capacity: 30, refillPerSecond: 1 / 60 },
} as const satisfies Record<string, BucketLimit>;

export type StaffAttempt = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Takes one password attempt for `email` from the client of `headers`. */
export async function takeStaffSignInAttempt(db: DbOrTx, input: { email: string; headers: { get(name: string): string | null } }): Promise<StaffAttempt> {
  const at = now();
  const client = requestInfoFrom(input.headers);
  const address = client.ipTrusted ? addressBucket(client.ip) : null;
  const checks = [
    ...(address ? [{ key: `ip:${address}`, rule: { ...STAFF_ATTEMPT_LIMITS.ip, capacity: env().STAFF_ATTEMPTS_PER_IP } }] : []),
    { key: `email:${input.email.trim().toLowerCase().slice(0, 254)}`, rule: { ...STAFF_ATTEMPT_LIMITS.email, capacity: env().STAFF_ATTEMPTS_PER_EMAIL } },
  ];
  for (const check of checks) {
    const bucket = await takeFromBucket(db, { home: "staff", key: check.key, rule: check.rule, at });
    if (bucket.allowed) continue;
    if (bucket.tripped) log.warn("staff sign-in attempts limited", { limit: check.key.startsWith("ip:") ? `ip ${address}` : "email" });
    const { retryAfterSeconds } = rateLimitDecision({ tokens: bucket.tokens, capacity: check.rule.capacity, refillRate: check.rule.refillPerSecond, allowed: false });
    return { ok: false, retryAfterSeconds };
  }
  return { ok: true };
}

/** What authorize throws when the limit refuses: the sign-in form tells it apart from a wrong password by `code`. */
export class StaffSignInLimited extends CredentialsSignin {
  code = "rate_limited";
}
