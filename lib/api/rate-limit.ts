import { ApiError } from "./errors";

// Token bucket arithmetic for the headers (the bucket itself lives in PostgreSQL, see authenticate.ts).
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
