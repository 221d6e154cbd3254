import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { webhookDeliveries } from "@/db/schema";
import { startWorkers, stopWorkers } from "@/lib/jobs/worker";
import { attemptDelivery, RETRY_SCHEDULE_SECONDS } from "@/lib/webhooks/deliver";
import { verifySignature } from "@/lib/webhooks/signature";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";
import { startReceiver } from "../helpers/receiver";

let t: Awaited<ReturnType<typeof createTenant>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  t = await createTenant();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

async function endpoint(key: string, events: string[] = ["*"]) {
  const res = await api.post("/api/v1/webhook_endpoints", { url: receiver.url, events }, { key });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string };
}

async function deliveriesOf(endpointId: string) {
  return getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(webhookDeliveries.createdAt);
}

/** Polls the database for a condition (never a fixed sleep); fails after 15 s. */
async function waitFor(check: () => Promise<boolean>) {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in 15 s");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("webhook endpoints", () => {
  it("shows the signing secret once, stores it encrypted, never lists it", async () => {
    const created = await endpoint(t.testKey, ["billing_account.created"]);
    expect(created.secret).toMatch(/^whsec_/);
    const got = await api.get(`/api/v1/webhook_endpoints/${created.id}`, { key: t.testKey });
    expect(got.body).toMatchObject({ object: "webhook_endpoint", url: receiver.url, events: ["billing_account.created"], status: "enabled", livemode: false });
    expect(got.body.secret).toBeUndefined();
    expect(JSON.stringify((await api.get("/api/v1/webhook_endpoints", { key: t.testKey })).body)).not.toContain(created.secret);
    expect(JSON.stringify(await getDb().execute(sql`select * from webhook_endpoints`))).not.toContain(created.secret);
    const rolled = await api.post(`/api/v1/webhook_endpoints/${created.id}/roll_secret`, {}, { key: t.testKey });
    expect(rolled.body.secret).toMatch(/^whsec_/);
    expect(rolled.body.secret).not.toBe(created.secret);
  });

  it("live endpoints must be https on a public host; sandbox may use localhost; events are checked", async () => {
    for (const url of ["http://example.com/hooks", "https://localhost/hooks", "https://127.0.0.1/x", "https://10.1.2.3/x", "https://169.254.169.254/latest"]) {
      const res = await api.post("/api/v1/webhook_endpoints", { url, events: ["*"] }, { key: t.liveKey });
      expect(res.status, url).toBe(422);
      expect(res.body.error.param).toBe("url");
    }
    expect((await api.post("/api/v1/webhook_endpoints", { url: "https://hooks.example.com/ciclo", events: ["*"] }, { key: t.liveKey })).status).toBe(201);
    const unknownEvent = await api.post("/api/v1/webhook_endpoints", { url: receiver.url, events: ["invoice.paid.typo"] }, { key: t.testKey });
    expect(unknownEvent.body.error.param).toBe("events[0]");
    expect((await api.post("/api/v1/webhook_endpoints", { url: "ftp://x.example.com", events: ["*"] }, { key: t.testKey })).body.error.param).toBe("url");
  });
});

describe("delivery", () => {
  it("a change records its event and delivery in the same transaction; a refused change records nothing", async () => {
    const tenant = await createTenant();
    const ep = await endpoint(tenant.testKey, ["billing_account.created"]);
    const ok = await api.post("/api/v1/billing_accounts", validAccount({ external_id: "hook-1" }), { key: tenant.testKey });
    const conflict = await api.post("/api/v1/billing_accounts", validAccount({ external_id: "hook-1" }), { key: tenant.testKey });
    expect(conflict.status).toBe(409);
    const events = (await api.get("/api/v1/events", { key: tenant.testKey })).body.data;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ object: "event", type: "billing_account.created", data: { object: { id: ok.body.id, external_id: "hook-1" } } });
    expect(await deliveriesOf(ep.id)).toHaveLength(1);
  });

  it("POSTs the signed event to the endpoint; 2xx marks it delivered", async () => {
    const tenant = await createTenant();
    const ep = await endpoint(tenant.testKey, ["billing_account.created"]);
    const account = (await api.post("/api/v1/billing_accounts", validAccount(), { key: tenant.testKey })).body;
    const [delivery] = await deliveriesOf(ep.id);
    const arrived = receiver.next((r) => r.headers["ciclo-delivery-id"] === delivery!.id);
    expect(await attemptDelivery(getDb(), delivery!.id)).toMatchObject({ status: "succeeded", statusCode: 200 });
    const request = await arrived;
    expect(verifySignature(String(request.headers["ciclo-signature"]), request.body, ep.secret)).toBe(true);
    expect(request.headers["ciclo-event-type"]).toBe("billing_account.created");
    expect(request.headers["ciclo-delivery-id"]).toBe(delivery!.id);
    expect(JSON.parse(request.body)).toMatchObject({ object: "event", type: "billing_account.created", data: { object: { id: account.id, object: "billing_account" } } });
    const [after] = await deliveriesOf(ep.id);
    expect(after).toMatchObject({ status: "succeeded", attemptCount: 1, lastStatusCode: 200 });
    expect(await attemptDelivery(getDb(), delivery!.id)).toBeNull(); // delivered: running the job again does nothing
  });

  it("retries failures on an exponential schedule over about 3 days, then gives up", async () => {
    const total = RETRY_SCHEDULE_SECONDS.reduce((a, b) => a + b, 0);
    expect(total / 86_400).toBeGreaterThan(2.5);
    expect(total / 86_400).toBeLessThan(3.5);
    expect([...RETRY_SCHEDULE_SECONDS].sort((a, b) => a - b)).toEqual(RETRY_SCHEDULE_SECONDS);

    const tenant = await createTenant();
    const ep = await endpoint(tenant.testKey);
    await api.post("/api/v1/billing_accounts", validAccount(), { key: tenant.testKey });
    const [delivery] = await deliveriesOf(ep.id);
    receiver.respondWith(500);
    try {
      let now = new Date();
      const first = await attemptDelivery(getDb(), delivery!.id, now);
      expect(first).toMatchObject({ status: "pending", statusCode: 500, error: "HTTP 500" });
      expect(first!.nextAttemptAt!.getTime() - now.getTime()).toBe(60_000);
      expect(await attemptDelivery(getDb(), delivery!.id, new Date(now.getTime() + 30_000))).toBeNull(); // not due yet
      for (let i = 1; i <= RETRY_SCHEDULE_SECONDS.length; i++) {
        now = new Date(now.getTime() + RETRY_SCHEDULE_SECONDS[i - 1]! * 1000);
        const outcome = await attemptDelivery(getDb(), delivery!.id, now);
        expect(outcome!.status).toBe(i < RETRY_SCHEDULE_SECONDS.length ? "pending" : "failed");
      }
      const [final] = await deliveriesOf(ep.id);
      expect(final).toMatchObject({ status: "failed", attemptCount: RETRY_SCHEDULE_SECONDS.length + 1, lastStatusCode: 500 });
    } finally {
      receiver.respondWith(200);
    }
  });

  it("two workers racing on one delivery send it once", async () => {
    const tenant = await createTenant();
    const ep = await endpoint(tenant.testKey);
    await api.post("/api/v1/billing_accounts", validAccount(), { key: tenant.testKey });
    const [delivery] = await deliveriesOf(ep.id);
    const before = receiver.received.filter((r) => r.headers["ciclo-delivery-id"] === delivery!.id).length;
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => attemptDelivery(getDb(), delivery!.id)));
    expect(outcomes.filter((o) => o !== null)).toHaveLength(1);
    expect(receiver.received.filter((r) => r.headers["ciclo-delivery-id"] === delivery!.id).length - before).toBe(1);
  });

  it("end to end through pg-boss: the API change is delivered by the workers; resend sends it again", async () => {
    await startWorkers();
    try {
      const tenant = await createTenant();
      const ep = await endpoint(tenant.testKey, ["billing_account.updated"]);
      const account = (await api.post("/api/v1/billing_accounts", validAccount(), { key: tenant.testKey })).body;
      const arrived = receiver.next((r) => r.headers["ciclo-event-type"] === "billing_account.updated" && r.body.includes(account.id));
      await api.patch(`/api/v1/billing_accounts/${account.id}`, { name: "Renomeada" }, { key: tenant.testKey });
      const request = await arrived;
      expect(JSON.parse(request.body)).toMatchObject({ type: "billing_account.updated", data: { object: { name: "Renomeada" } } });
      await waitFor(async () => (await deliveriesOf(ep.id))[0]?.status === "succeeded");

      const log = await api.get(`/api/v1/webhook_endpoints/${ep.id}/deliveries`, { key: tenant.testKey });
      expect(log.body.data).toHaveLength(1);
      expect(log.body.data[0]).toMatchObject({ object: "webhook_delivery", status: "succeeded", attempt_count: 1, last_status_code: 200 });
      const again = receiver.next((r) => r.headers["ciclo-delivery-id"] === log.body.data[0].id);
      const resent = await api.post(`/api/v1/webhook_deliveries/${log.body.data[0].id}/resend`, {}, { key: tenant.testKey });
      expect(resent.status).toBe(200);
      expect((await again).headers["ciclo-delivery-id"]).toBe(log.body.data[0].id);
      await waitFor(async () => (await deliveriesOf(ep.id))[0]?.attemptCount === 2);
    } finally {
      await stopWorkers();
    }
  });
});

describe("webhooks across tenants", () => {
  it("another tenant gets 404 for endpoints, deliveries, resend and events; lists never leak", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const ep = await endpoint(a.testKey);
    await api.post("/api/v1/billing_accounts", validAccount(), { key: a.testKey });
    const [delivery] = await deliveriesOf(ep.id);
    const [event] = (await api.get("/api/v1/events", { key: a.testKey })).body.data;
    for (const key of [b.testKey, b.liveKey, a.liveKey]) {
      expect((await api.get(`/api/v1/webhook_endpoints/${ep.id}`, { key })).status).toBe(404);
      expect((await api.patch(`/api/v1/webhook_endpoints/${ep.id}`, { status: "disabled" }, { key })).status).toBe(404);
      expect((await api.post(`/api/v1/webhook_endpoints/${ep.id}/roll_secret`, {}, { key })).status).toBe(404);
      expect((await api.get(`/api/v1/webhook_endpoints/${ep.id}/deliveries`, { key })).status).toBe(404);
      expect((await api.post(`/api/v1/webhook_deliveries/${delivery!.id}/resend`, {}, { key })).status).toBe(404);
      expect((await api.get(`/api/v1/events/${event.id}`, { key })).status).toBe(404);
      expect((await api.delete(`/api/v1/webhook_endpoints/${ep.id}`, { key })).status).toBe(404);
      expect(JSON.stringify((await api.get("/api/v1/webhook_endpoints", { key })).body.data)).not.toContain(ep.id);
      expect(JSON.stringify((await api.get("/api/v1/events", { key })).body.data)).not.toContain(event.id);
    }
    // B's changes never reach A's endpoint.
    await api.post("/api/v1/billing_accounts", validAccount(), { key: b.testKey });
    expect(await deliveriesOf(ep.id)).toHaveLength(1);
    const [row] = await getDb().select().from(webhookDeliveries).where(and(eq(webhookDeliveries.id, delivery!.id), eq(webhookDeliveries.organizationId, a.sandbox.id)));
    expect(row).toBeTruthy();
  });
});
