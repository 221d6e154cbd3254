import { sql } from "drizzle-orm";
import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

let t: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  t = await createTenant();
});

const post = (body: unknown, key: string, apiKey = t.liveKey) =>
  api.post("/api/v1/billing_accounts", body, { key: apiKey, headers: { "idempotency-key": key } });

async function accountsNamed(name: string): Promise<number> {
  const rows = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from billing_accounts where name = ${name}`);
  return rows[0]!.n;
}

describe("Idempotency-Key", () => {
  it("replays the first response for a retry with the same key and body; creates one account", async () => {
    const body = validAccount({ name: "Idem Replay" });
    const first = await post(body, "key-replay");
    expect(first.status).toBe(201);
    // Same request, keys in another order and other whitespace: still the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const second = await post(reordered, "key-replay");
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.headers.get("request-id")).not.toBe(first.headers.get("request-id"));
    expect(await accountsNamed("Idem Replay")).toBe(1);
  });

  it("refuses the same key with a different body (422) and creates nothing", async () => {
    await post(validAccount({ name: "Idem A" }), "key-reuse");
    const res = await post(validAccount({ name: "Idem B" }), "key-reuse");
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ type: "idempotency_error", code: "idempotency_key_reused", param: "Idempotency-Key" });
    expect(await accountsNamed("Idem B")).toBe(0);
  });

  it("replays a definite error (409) too, and keys are per organization", async () => {
    await post(validAccount({ external_id: "idem-conflict" }), "k-1");
    const conflict = await post(validAccount({ external_id: "idem-conflict", name: "x" }), "k-2");
    expect(conflict.status).toBe(409);
    const replay = await post(validAccount({ external_id: "idem-conflict", name: "x" }), "k-2");
    expect(replay.status).toBe(409);
    expect(replay.body).toEqual(conflict.body);
    const other = await createTenant();
    const sameKeyElsewhere = await post(validAccount({ name: "Other tenant" }), "k-2", other.liveKey);
    expect(sameKeyElsewhere.status).toBe(201);
  });

  it("answers 409 to a retry while the first request is still running, then replays its result", async () => {
    // Hold a lock on the table from another connection so the first request stalls mid-flight.
    const locker = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const reserved = await locker.reserve();
    await reserved`begin`;
    await reserved`lock table billing_accounts in exclusive mode`;
    const body = validAccount({ name: "Idem In Flight" });
    const first = post(body, "key-in-flight");
    try {
      await waitFor(async () => {
        const rows = await getDb().execute(sql`select 1 from idempotency_keys where key = 'key-in-flight' and status = 'in_flight'`);
        return rows.length === 1;
      });
      const concurrent = await post(body, "key-in-flight");
      expect(concurrent.status).toBe(409);
      expect(concurrent.body.error).toMatchObject({ code: "idempotency_request_in_progress", type: "idempotency_error" });
    } finally {
      await reserved`commit`;
      reserved.release();
      await locker.end();
    }
    const done = await first;
    expect(done.status).toBe(201);
    const replay = await post(body, "key-in-flight");
    expect(replay.body.id).toBe(done.body.id);
    expect(await accountsNamed("Idem In Flight")).toBe(1);
  });

  it("a validation failure is not remembered: the corrected retry with the same key succeeds", async () => {
    const bad = await post(validAccount({ name: "Fixed Later", document: "123" }), "key-fix");
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("validation_failed");
    const good = await post(validAccount({ name: "Fixed Later" }), "key-fix");
    expect(good.status).toBe(201);
  });

  it("rejects an unusable key", async () => {
    const res = await post(validAccount(), "x".repeat(300));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_idempotency_key");
  });
});

/** Polls a condition (not a fixed sleep): resolves as soon as it holds, fails after 5 s. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not reached in 5 s");
    await new Promise((r) => setImmediate(r));
  }
}
