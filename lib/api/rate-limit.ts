import { sql, type SQL } from "drizzle-orm";
import { ApiError } from "./errors";

// Token buckets: a bucket holds up to `capacity` tokens, refills at `refillRate` tokens a second,
// and each request takes one. The buckets live in PostgreSQL (so every node shares them) and
// are refilled and taken from in one statement by their owners: API keys (authenticate.ts) and
// the portal's sign-in forms (lib/portal-auth/attempt-limit.ts). Both use this refill and the
// decision below.

/** A bucket's level after `elapsedSeconds` of refill (SQL; elapsed time below zero, from clock skew between nodes, refills nothing). */
export function refilledLevel(b: { tokens: SQL; elapsedSeconds: SQL; capacity: SQL; refillRate: SQL }): SQL {
  return sql`least(${b.capacity}, ${b.tokens} + greatest(0::float8, ${b.elapsedSeconds}) * ${b.refillRate})`;
}

export type RateLimitState = { allowed: boolean; headers: Record<string, string>; retryAfterSeconds: number };

export function rateLimitDecision(b: { tokens: number; capacity: number; refillRate: number; allowed: boolean }): RateLimitState {
  const remaining = Math.max(0, Math.floor(b.tokens));
  const secondsToFull = Math.max(0, Math.ceil((b.capacity - b.tokens) / b.refillRate));
  const retryAfterSeconds = Math.max(1, Math.ceil((1 - b.tokens) / b.refillRate));
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(b.capacity),
    "RateLimit-Remaining": String(remaining),
    "RateLimit-Reset": String(b.allowed ? secondsToFull : retryAfterSeconds),
  };
  return { allowed: b.allowed, headers, retryAfterSeconds };
}

export function rateLimitError(state: RateLimitState): ApiError {
  return new ApiError("rate_limited", `Too many requests: retry after ${state.retryAfterSeconds} s`, {
    headers: { ...state.headers, "Retry-After": String(state.retryAfterSeconds) },
  });
}
