import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { hashSecret, KEY_PATTERN } from "@/lib/api-keys/secret";
import { env } from "@/lib/env";
import { ApiError } from "./errors";
import { rateLimitDecision, refilledLevel, type RateLimitState } from "./rate-limit";
import { cachedKey, forgetKey, rememberKey, takeLeasedToken, type KeyEntry } from "./key-cache";

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
  granted: number | null;
};

/**
 * Authenticates the bearer key and takes a token from its rate-limit bucket.
 *
 * The bucket lives in PostgreSQL so every node shares it. One statement looks the key up by
 * hash, refills the bucket and leases this node up to `lease` tokens (<= 10% of the burst,
 * <= 0.1 s of the rate, <= 100; 1 for small limits), and touches last_used_at at most once a minute.
 * The node then serves the leased tokens from memory for at most a second: fewer round trips,
 * and the organization's limit is never exceeded (unused leases are simply lost). So a key
 * revoked or an organization suspended on another node stops working within one second.
 */
export async function authenticate(db: Db, authorization: string | null): Promise<{ tenant: Tenant; rate: RateLimitState }> {
  if (!authorization) {
    throw new ApiError("missing_api_key", "No API key provided: send Authorization: Bearer sk_live_… or sk_test_…");
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match || !KEY_PATTERN.test(match[1]!)) {
    throw new ApiError("invalid_api_key", "Invalid API key: expected Authorization: Bearer sk_live_… or sk_test_…");
  }
  const hash = hashSecret(match[1]!);
  for (let attempt = 0; ; attempt++) {
    const cached = cachedKey(hash);
    if (cached && takeLeasedToken(cached)) return { tenant: cached.tenant, rate: decision(cached, true) };
    // Concurrent requests for one key share a single lease fetch (no thundering herd).
    const entry = await leaseOnce(db, hash);
    if (takeLeasedToken(entry)) return { tenant: entry.tenant, rate: decision(entry, true) };
    // The bucket granted nothing (limit reached), or the other waiters used the whole lease.
    if (entry.granted === 0 || attempt >= 3) return { tenant: entry.tenant, rate: decision(entry, false) };
  }
}

const inflight = new Map<string, Promise<KeyEntry>>();

function leaseOnce(db: Db, hash: string): Promise<KeyEntry> {
  let pending = inflight.get(hash);
  if (!pending) {
    pending = lookupAndLease(db, hash)
      .then((entry) => {
        rememberKey(hash, entry);
        return entry;
      })
      .finally(() => inflight.delete(hash));
    inflight.set(hash, pending);
  }
  return pending;
}

/** Most tokens one node leases at once: keeps nodes fair and limits what an unused lease wastes. */
const MAX_LEASE = 100;

async function lookupAndLease(db: Db, hash: string): Promise<KeyEntry> {
  const { RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST } = env();
  // Refilled level of an existing bucket, and this node's lease out of a level.
  const refilled = refilledLevel({
    tokens: sql`rb.tokens`,
    elapsedSeconds: sql`extract(epoch from excluded.refilled_at - rb.refilled_at)::float8`,
    capacity: sql`excluded.capacity`,
    refillRate: sql`excluded.refill_rate`,
  });
  const lease = (level: ReturnType<typeof sql>) =>
    sql`least(floor(${level}), greatest(1, least(${MAX_LEASE}, floor(excluded.capacity / 10.0), floor(excluded.refill_rate / 10.0))))::int`;
  const rows = await db.execute<Row>(sql`
    with k as (
      select k.id, k.organization_id, k.mode, k.scopes, k.revoked_at is not null as revoked, o.status as org_status,
             coalesce(o.rate_limit_per_second, ${RATE_LIMIT_PER_SECOND})::float8 as rate,
             coalesce(o.rate_limit_burst, ${RATE_LIMIT_BURST})::int as burst
      from api_keys k join organizations o on o.id = k.organization_id
      where k.secret_hash = ${hash}
    ),
    b as (
      insert into rate_limit_buckets as rb (api_key_id, tokens, capacity, refill_rate, last_granted, refilled_at)
      select id, burst - least(burst, greatest(1, least(${MAX_LEASE}, floor(burst / 10.0), floor(rate / 10.0)))),
             burst, rate, least(burst, greatest(1, least(${MAX_LEASE}, floor(burst / 10.0), floor(rate / 10.0)))), clock_timestamp()
      from k where not revoked and org_status = 'active'
      on conflict (api_key_id) do update set
        tokens = ${refilled} - ${lease(refilled)},
        last_granted = ${lease(refilled)},
        capacity = excluded.capacity,
        refill_rate = excluded.refill_rate,
        refilled_at = excluded.refilled_at
      returning api_key_id, tokens, capacity, refill_rate, last_granted
    ),
    touched as (
      update api_keys set last_used_at = clock_timestamp()
      where id = (select id from k where not revoked)
        and (last_used_at is null or last_used_at < clock_timestamp() - interval '1 minute')
      returning id
    )
    select k.id, k.organization_id, k.mode, k.scopes, k.revoked, k.org_status,
           b.tokens, b.capacity, b.refill_rate, b.last_granted as granted
    from k left join b on b.api_key_id = k.id
  `);
  const row = rows[0];
  if (!row) throw new ApiError("invalid_api_key", "Invalid API key provided");
  if (row.revoked) {
    forgetKey(hash);
    throw new ApiError("api_key_revoked", "This API key has been revoked");
  }
  if (row.org_status !== "active") throw new ApiError("organization_suspended", "This organization is suspended");
  return {
    tenant: { organizationId: row.organization_id, mode: row.mode, apiKeyId: row.id, scopes: row.scopes },
    bucketTokens: Number(row.tokens),
    capacity: Number(row.capacity),
    refillRate: Number(row.refill_rate),
    leased: Number(row.granted),
    granted: Number(row.granted),
    fetchedAt: Date.now(),
  };
}

function decision(entry: KeyEntry, allowed: boolean): RateLimitState {
  return rateLimitDecision({
    tokens: entry.bucketTokens + entry.leased,
    capacity: entry.capacity,
    refillRate: entry.refillRate,
    allowed,
  });
}

/** Empty scopes = full access; `thing:write` implies `thing:read`. */
export function requireScope(tenant: Tenant, scope: string): void {
  if (tenant.scopes.length === 0) return;
  const [resource] = scope.split(":");
  const granted = tenant.scopes.includes(scope) || (scope.endsWith(":read") && tenant.scopes.includes(`${resource}:write`));
  if (!granted) throw new ApiError("insufficient_scope", `This API key lacks the '${scope}' scope`);
}
