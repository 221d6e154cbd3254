// The API of the production build against the seeded demo tenants, through Playwright's
// request fixture (which resolves names itself: tenant/API hosts go to 127.0.0.1 with a Host header).
import { expect, test } from "@playwright/test";
import { demoKey } from "@/db/seed";

const port = Number(process.env.E2E_PORT ?? 3310);
const acme = { Authorization: `Bearer ${demoKey("acme", "live")}` };
const globex = { Authorization: `Bearer ${demoKey("globex", "live")}` };

test("a live key lists its tenant's billing accounts, and another tenant's key gets 404 for them", async ({ request }) => {
  const list = await request.get("/api/v1/billing_accounts", { headers: acme });
  expect(list.status()).toBe(200);
  expect(list.headers()["request-id"]).toBeTruthy();
  const body = await list.json();
  expect(body.data.map((a: { name: string }) => a.name).sort()).toEqual(["Maria Silva", "Nova Tech", "Padaria Pão Quente"]);

  const id = body.data[0].id as string;
  expect((await request.get(`/api/v1/billing_accounts/${id}`, { headers: acme })).status()).toBe(200);
  const foreign = await request.get(`/api/v1/billing_accounts/${id}`, { headers: globex });
  expect(foreign.status()).toBe(404);
  expect((await foreign.json()).error.code).toBe("resource_missing");
});

test("the API answers on api.<root> under /v1 too", async ({ request }) => {
  const res = await request.get(`http://127.0.0.1:${port}/v1/billing_accounts?limit=1`, {
    headers: { ...acme, Host: `api.localhost:${port}` },
  });
  expect(res.status()).toBe(200);
  expect((await res.json()).data).toHaveLength(1);
});
