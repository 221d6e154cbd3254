import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { attemptBuckets, portalTokens, staffAttemptBuckets, verificationTokens } from "@/db/schema";
import { resetClock, setClock } from "@/lib/clock";
import { QUEUES } from "@/lib/jobs/boss";
import { jobs } from "@/lib/jobs/definitions";
import { PRUNE_GRACE_MS, prunePortalTokens } from "@/lib/portal-auth/prune";
import { createTenant } from "../helpers/factories";

// portal-tokens.prune: portal tokens and attempt-limit buckets whose expiry passed more than a
// day ago are deleted (every tenant's), in bounded batches; anything younger stays.
afterEach(() => resetClock());

const NOW = new Date("2031-03-10T12:00:00Z");
const HOUR = 3_600_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const hex = () => randomBytes(32).toString("hex");

function token(organizationId: string, expiresAt: Date, purpose: "magic_link" | "sso_jti" | "oidc_state" = "magic_link") {
  return { organizationId, portalUserId: null, purpose, tokenHash: hex(), host: "x.localhost", expiresAt, usedAt: purpose === "sso_jti" ? expiresAt : null, createdAt: at(-30 * 24 * HOUR) };
}
function bucket(organizationId: string, expiresAt: Date) {
  return { organizationId, keyHash: hex(), tokens: 3, capacity: 20, refillRate: 1 / 60, refilledAt: new Date(expiresAt.getTime() - 20 * 60_000), expiresAt };
}

/** Which of the given rows are still there, by token hash / key hash. */
async function left(tokenHashes: string[], keyHashes: string[]) {
  const db = getDb();
  const tokens = await db.select({ h: portalTokens.tokenHash }).from(portalTokens).where(inArray(portalTokens.tokenHash, tokenHashes));
  const buckets = await db.select({ h: attemptBuckets.keyHash }).from(attemptBuckets).where(inArray(attemptBuckets.keyHash, keyHashes));
  return { tokens: new Set(tokens.map((r) => r.h)), buckets: new Set(buckets.map((r) => r.h)) };
}

describe("portal-tokens.prune", () => {
  it("deletes every tenant's tokens and buckets expired over a day ago, in batches, and keeps the rest; a second run deletes nothing", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const db = getDb();
    const oldTokens = [
      ...Array.from({ length: 5 }, (_, i) => token(a.live.id, at(-PRUNE_GRACE_MS - (i + 1) * 1000))),
      token(a.live.id, at(-40 * 24 * HOUR), "sso_jti"),
      token(b.live.id, at(-PRUNE_GRACE_MS - 1000), "oidc_state"),
    ];
    const keptTokens = [
      token(a.live.id, at(-PRUNE_GRACE_MS + 60_000)), // expired, but less than a day ago
      token(a.live.id, at(15 * 60_000)), // still valid
      token(b.live.id, at(5 * 60_000), "sso_jti"),
      token(a.sandbox.id, at(HOUR)),
    ];
    const oldBuckets = [bucket(a.live.id, at(-2 * PRUNE_GRACE_MS)), bucket(a.live.id, at(-PRUNE_GRACE_MS - 1)), bucket(b.live.id, at(-PRUNE_GRACE_MS - HOUR))];
    const keptBuckets = [bucket(a.live.id, at(-HOUR)), bucket(b.live.id, at(10 * 60_000)), bucket(b.sandbox.id, at(-PRUNE_GRACE_MS + 1000))];
    await db.insert(portalTokens).values([...oldTokens, ...keptTokens]);
    await db.insert(attemptBuckets).values([...oldBuckets, ...keptBuckets]);
    // The admin's email sign-in links (Auth.js): three long expired, one expired an hour ago.
    const links = [-3 * PRUNE_GRACE_MS, -2 * PRUNE_GRACE_MS, -PRUNE_GRACE_MS - 1, -HOUR].map((ms) => ({ identifier: `${hex().slice(0, 8)}@staff.example`, token: hex(), expires: at(ms) }));
    await db.insert(verificationTokens).values(links);
    // The admin sign-in's buckets: one full for over a day, one not yet.
    const staffBucket = (expiresAt: Date) => ({ keyHash: hex(), tokens: 3, capacity: 10, refillRate: 1 / 120, refilledAt: new Date(expiresAt.getTime() - 20 * 60_000), expiresAt });
    const [staffOld, staffKept] = [staffBucket(at(-PRUNE_GRACE_MS - HOUR)), staffBucket(at(-HOUR))];
    await db.insert(staffAttemptBuckets).values([staffOld, staffKept]);

    // Batches of 2: the 7 old tokens take four statements, the 3 old buckets two.
    expect(await prunePortalTokens(db, NOW, 2)).toEqual({ portalTokens: 7, attemptBuckets: 3, staffAttemptBuckets: 1, staffEmailLinks: 3 });
    expect((await db.select({ h: staffAttemptBuckets.keyHash }).from(staffAttemptBuckets).where(inArray(staffAttemptBuckets.keyHash, [staffOld.keyHash, staffKept.keyHash]))).map((r) => r.h)).toEqual([staffKept.keyHash]);
    expect((await db.select().from(verificationTokens).where(inArray(verificationTokens.token, links.map((l) => l.token)))).map((l) => l.token)).toEqual([links[3]!.token]);
    const after = await left([...oldTokens, ...keptTokens].map((t) => t.tokenHash), [...oldBuckets, ...keptBuckets].map((r) => r.keyHash));
    expect(after.tokens).toEqual(new Set(keptTokens.map((t) => t.tokenHash)));
    expect(after.buckets).toEqual(new Set(keptBuckets.map((r) => r.keyHash)));

    expect(await prunePortalTokens(db, NOW)).toEqual({ portalTokens: 0, attemptBuckets: 0, staffAttemptBuckets: 0, staffEmailLinks: 0 });
    expect(await left(keptTokens.map((t) => t.tokenHash), keptBuckets.map((r) => r.keyHash))).toEqual(after);
  });

  it("is an hourly pg-boss job, and running it prunes against the application clock", async () => {
    const job = jobs.find((j) => j.name === "portal-tokens.prune");
    expect(job?.cron).toBe("25 * * * *");
    expect(QUEUES).toContain("portal-tokens.prune");

    const t = await createTenant();
    const db = getDb();
    const stale = token(t.live.id, at(-PRUNE_GRACE_MS - 1000));
    const fresh = token(t.live.id, at(-1000));
    await db.insert(portalTokens).values([stale, fresh]);
    await db.insert(attemptBuckets).values(bucket(t.live.id, at(-PRUNE_GRACE_MS - 1000)));
    setClock(NOW);
    await job!.run({});
    await job!.run({});
    const rows = await db.select({ h: portalTokens.tokenHash }).from(portalTokens).where(eq(portalTokens.organizationId, t.live.id));
    expect(rows.map((r) => r.h)).toEqual([fresh.tokenHash]);
    expect(await db.select().from(attemptBuckets).where(eq(attemptBuckets.organizationId, t.live.id))).toEqual([]);
  });
});
