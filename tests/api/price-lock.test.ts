import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { getPricesByIds } from "@/lib/catalog/prices";
import { createSubscription } from "@/lib/subscriptions/create";
import { createSubscriptionInput } from "@/lib/subscriptions/input";
import { api } from "../helpers/api";
import { tenantWithCatalog } from "./subscriptions-factories";

describe("prices a subscription is being created on", () => {
  it("cannot change terms between validation and the write: an edit waits for the transaction, then finds the price in use (409)", async () => {
    const c = await tenantWithCatalog();
    const priceId = c.pro.prices[0].id;
    let edit: ReturnType<typeof api.patch> | undefined;
    await getDb().transaction(async (tx) => {
      // The validation read: nothing references the price yet, only the read's lock protects it.
      await getPricesByIds(tx, { organizationId: c.t.live.id }, [priceId]);
      edit = api.patch(`/api/v1/prices/${priceId}`, { unit_amount_subcents: 1 }, { key: c.key });
      // Until this transaction ends, the edit waits on the price's lock (polling, not sleeping).
      const deadline = Date.now() + 5000;
      for (;;) {
        const waiting = await getDb().execute(sql`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        if (waiting.length > 0) break;
        if (Date.now() > deadline) throw new Error("the price edit never waited for the subscription's lock");
        await new Promise((r) => setImmediate(r));
      }
      await createSubscription(tx, { organizationId: c.t.live.id, mode: "live", actor: "test" }, createSubscriptionInput.parse({ billing_account_id: c.account.id, items: [{ price_id: priceId }] }));
    });
    const res = await edit!;
    expect(res.status).toBe(409);
    expect((await api.get(`/api/v1/prices/${priceId}`, { key: c.key })).body.unit_amount_subcents).toBe(799_000);
  });
});
