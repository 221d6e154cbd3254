import type { Tenant } from "./authenticate";

// Per-process memory of recently authenticated keys and the rate-limit tokens this node
// leased for them. Entries live at most KEY_CACHE_TTL_MS; see authenticate.ts for why.
export const KEY_CACHE_TTL_MS = 1000;
const MAX_ENTRIES = 10_000;

export type KeyEntry = {
  tenant: Tenant;
  /** Tokens left in the shared bucket after this node's lease. */
  bucketTokens: number;
  capacity: number;
  refillRate: number;
  /** Tokens leased to this node and not used yet. */
  leased: number;
  /** Tokens the bucket granted at this lease (0: the limit was reached). */
  granted: number;
  fetchedAt: number;
};

const holder = globalThis as unknown as { __cicloKeyCache?: Map<string, KeyEntry> };
const entries = (holder.__cicloKeyCache ??= new Map());

export function cachedKey(hash: string): KeyEntry | null {
  const entry = entries.get(hash);
  if (!entry) return null;
  if (Date.now() - entry.fetchedAt >= KEY_CACHE_TTL_MS) {
    entries.delete(hash);
    return null;
  }
  return entry;
}

/** Uses one leased token; false when the lease is spent (ask the database again). */
export function takeLeasedToken(entry: KeyEntry): boolean {
  if (entry.leased <= 0) return false;
  entry.leased -= 1;
  return true;
}

export function rememberKey(hash: string, entry: KeyEntry): void {
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(hash, entry);
}

export function forgetKey(hash: string): void {
  entries.delete(hash);
}

/** A key revoked (or its organization changed) on this node takes effect here at once. */
export function forgetKeyById(apiKeyId: string): void {
  for (const [hash, entry] of entries) if (entry.tenant.apiKeyId === apiKeyId) entries.delete(hash);
}

