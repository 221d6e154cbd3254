import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { hashSecret, KEY_PATTERN } from "@/lib/api-keys/secret";
import { env } from "@/lib/env";
import { ApiError } from "./errors";
import { rateLimitDecision, type RateLimitState } from "./rate-limit";

export type Tenant = {
  organizationId: string;
  mode: "live" | "test";
  apiKeyId: string;
  scopes: string[];
};

type Row = {
  id: string;
  organization_id: string;
  mode: "live" | "test";
  scopes: string[];
  revoked: boolean;
  org_status: "active" | "suspended";
  tokens: number | null;
  capacity: number | null;
  refill_rate: number | null;
  allowed: boolean | null;
};

/**
 * Authenticates the bearer key and takes one token from its rate-limit bucket in a single
 * round trip: look the key up by hash, refill-and-take on its bucket (token bucket kept in
 * PostgreSQL so every node shares it), and touch last_used_at at most once a minute.
 */
export async function authenticate(db: Db, authorization: string | null): Promise<{ tenant: Tenant; rate: RateLimitState }> {
  if (!authorization) {
    throw new ApiError("missing_api_key", "No API key provided: send Authorization: Bearer sk_live_… or sk_test_…");
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match || !KEY_PATTERN.test(match[1]!)) {
    throw new ApiError("invalid_api_key", "Invalid API key: expected Authorization: Bearer sk_live_… or sk_test_…");
  }
  const { RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST } = env();
  const rows = await db.execute<Row>(sql`
    with k as (
      select k.id, k.organization_id, k.mode, k.scopes, k.revoked_at is not null as revoked, o.status as org_status,
             coalesce(o.rate_limit_per_second, ${RATE_LIMIT_PER_SECOND})::float8 as rate,
             coalesce(o.rate_limit_burst, ${RATE_LIMIT_BURST})::int as burst
      from api_keys k join organizations o on o.id = k.organization_id
      where k.secret_hash = ${hashSecret(match[1]!)}
    ),
    b as (
      insert into rate_limit_buckets as rb (api_key_id, tokens, capacity, refill_rate, last_allowed, refilled_at)
      select id, burst - 1, burst, rate, true, clock_timestamp() from k where not revoked and org_status = 'active'
      on conflict (api_key_id) do update set
        tokens = case
          when least(excluded.capacity, rb.tokens + extract(epoch from excluded.refilled_at - rb.refilled_at)::float8 * excluded.refill_rate) >= 1
          then least(excluded.capacity, rb.tokens + extract(epoch from excluded.refilled_at - rb.refilled_at)::float8 * excluded.refill_rate) - 1
          else least(excluded.capacity, rb.tokens + extract(epoch from excluded.refilled_at - rb.refilled_at)::float8 * excluded.refill_rate)
        end,
        last_allowed = least(excluded.capacity, rb.tokens + extract(epoch from excluded.refilled_at - rb.refilled_at)::float8 * excluded.refill_rate) >= 1,
        capacity = excluded.capacity,
        refill_rate = excluded.refill_rate,
        refilled_at = excluded.refilled_at
      returning api_key_id, tokens, capacity, refill_rate, last_allowed
    ),
    touched as (
      update api_keys set last_used_at = clock_timestamp()
      where id = (select id from k where not revoked)
        and (last_used_at is null or last_used_at < clock_timestamp() - interval '1 minute')
      returning id
    )
    select k.id, k.organization_id, k.mode, k.scopes, k.revoked, k.org_status,
           b.tokens, b.capacity, b.refill_rate, b.last_allowed as allowed
    from k left join b on b.api_key_id = k.id
  `);
  const row = rows[0];
  if (!row) throw new ApiError("invalid_api_key", "Invalid API key provided");
  if (row.revoked) throw new ApiError("api_key_revoked", "This API key has been revoked");
  if (row.org_status !== "active") throw new ApiError("organization_suspended", "This organization is suspended");
  const rate = rateLimitDecision({
    tokens: Number(row.tokens),
    capacity: Number(row.capacity),
    refillRate: Number(row.refill_rate),
    allowed: Boolean(row.allowed),
  });
  return {
    tenant: { organizationId: row.organization_id, mode: row.mode, apiKeyId: row.id, scopes: row.scopes },
    rate,
  };
}

/** Empty scopes = full access; `thing:write` implies `thing:read`. */
export function requireScope(tenant: Tenant, scope: string): void {
  if (tenant.scopes.length === 0) return;
  const [resource] = scope.split(":");
  const granted = tenant.scopes.includes(scope) || (scope.endsWith(":read") && tenant.scopes.includes(`${resource}:write`));
  if (!granted) throw new ApiError("insufficient_scope", `This API key lacks the '${scope}' scope`);
}
