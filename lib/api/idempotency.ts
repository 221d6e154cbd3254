import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { ApiError } from "./errors";

// Idempotency-Key on POST: the first request with a key runs; a retry with the same key and
// the same request replays the stored status and body for 24 h; a different request with
// the key is refused (422); a retry while the first is still running gets 409.
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** An in-flight claim older than this belonged to a node that died; it may be taken over. */
export const ABANDONED_AFTER_MS = 60 * 1000;

export type Claim = { kind: "claimed"; id: string } | { kind: "replay"; status: number; body: unknown };

export function readIdempotencyKey(headers: Headers): string | null {
  const key = headers.get("idempotency-key");
  if (key === null) return null;
  if (key.length === 0 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new ApiError("invalid_idempotency_key", "Idempotency-Key must be 1-255 visible ASCII characters", {
      param: "Idempotency-Key",
    });
  }
  return key;
}

/** Canonical JSON (sorted keys) so that formatting differences are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method} ${path}\n${canonical(body)}`).digest("hex");
}

export async function claimIdempotencyKey(db: Db, organizationId: string, key: string, requestHash: string): Promise<Claim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ organizationId, key, requestHash, status: "in_flight" })
      .onConflictDoNothing()
      .returning({ id: idempotencyKeys.id });
    if (inserted[0]) return { kind: "claimed", id: inserted[0].id };

    const [existing] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.organizationId, organizationId), eq(idempotencyKeys.key, key)));
    if (!existing) continue; // deleted meanwhile (failed request or expiry): try to claim again
    const now = Date.now();
    if (now - existing.createdAt.getTime() > IDEMPOTENCY_TTL_MS) {
      await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.id, existing.id), lt(idempotencyKeys.createdAt, new Date(now - IDEMPOTENCY_TTL_MS))));
      continue;
    }
    if (existing.requestHash !== requestHash) {
      throw new ApiError(
        "idempotency_key_reused",
        "This Idempotency-Key was used with a different request; use a new key for a new request",
        { param: "Idempotency-Key" },
      );
    }
    if (existing.status === "completed") {
      return { kind: "replay", status: existing.responseStatus!, body: existing.responseBody };
    }
    if (now - existing.lockedAt.getTime() > ABANDONED_AFTER_MS) {
      const taken = await db
        .update(idempotencyKeys)
        .set({ lockedAt: sql`clock_timestamp()` })
        .where(and(eq(idempotencyKeys.id, existing.id), eq(idempotencyKeys.lockedAt, existing.lockedAt)))
        .returning({ id: idempotencyKeys.id });
      if (taken[0]) return { kind: "claimed", id: taken[0].id };
    }
    throw new ApiError("idempotency_request_in_progress", "A request with this Idempotency-Key is still being processed; retry later", {
      param: "Idempotency-Key",
    });
  }
  throw new ApiError("idempotency_request_in_progress", "A request with this Idempotency-Key is being processed; retry later", {
    param: "Idempotency-Key",
  });
}

export async function completeIdempotencyKey(db: DbOrTx, id: string, status: number, body: unknown): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ status: "completed", responseStatus: status, responseBody: body, completedAt: sql`clock_timestamp()` })
    .where(eq(idempotencyKeys.id, id));
}

/** The request failed unexpectedly: forget the claim so that a retry runs again. */
export async function releaseIdempotencyKey(db: DbOrTx, id: string): Promise<void> {
  await db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, id));
}

export async function pruneIdempotencyKeys(db: DbOrTx, now = new Date()): Promise<number> {
  const rows = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)))
    .returning({ id: idempotencyKeys.id });
  return rows.length;
}
