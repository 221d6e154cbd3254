import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { seedDemo } from "@/db/seed";
import { hashSecret } from "@/lib/api-keys/secret";
import { api } from "../helpers/api";

describe("demo seed", () => {
  it("creates Acme and Globex, live and sandbox, with working keys; running it again changes nothing", async () => {
    const db = getDb();
    const first = await seedDemo(db, { appUrl: "http://localhost:3000" });
    const counts = async () =>
      (await db.execute<{ orgs: number; keys: number; accounts: number; users: number; members: number }>(sql`
        select (select count(*)::int from organizations) orgs, (select count(*)::int from api_keys) keys,
               (select count(*)::int from billing_accounts) accounts, (select count(*)::int from users) users,
               (select count(*)::int from organization_members) members`))[0]!;
    const before = await counts();
    const second = await seedDemo(db, { appUrl: "http://localhost:3000" });
    expect(second).toEqual(first);
    expect(await counts()).toEqual(before);
    // Two owners, and Acme's admin, developer and support (docs/admin.md).
    expect(before).toMatchObject({ orgs: 4, keys: 4, users: 5, members: 5 });
    const acmeStaff = await db.execute<{ email: string; role: string }>(sql`
      select u.email, m.role from organization_members m join users u on u.id = m.user_id join organizations o on o.id = m.organization_id
      where o.slug = 'acme' order by u.email`);
    expect([...acmeStaff].map((r) => `${r.email}:${r.role}`)).toEqual(["admin@acme.example:admin", "developer@acme.example:developer", "owner@acme.example:owner", "support@acme.example:support"]);

    const acme = first.tenants.find((t) => t.slug === "acme")!;
    expect(acme.live).toMatchObject({ slug: "acme", portal_url: "http://acme.localhost:3000" });
    expect(acme.sandbox).toMatchObject({ slug: "acme-test", portal_url: "http://acme-test.localhost:3000" });
    expect(acme.live.api_key).toMatch(/^sk_live_/);
    expect(acme.sandbox.api_key).toMatch(/^sk_test_/);

    const live = await api.get("/api/v1/billing_accounts", { key: acme.live.api_key });
    expect(live.body.data.map((a: { external_id: string }) => a.external_id).sort()).toEqual(["cus_maria", "cus_novatech", "cus_paoquente"]);
    expect(live.body.data.every((a: { livemode: boolean }) => a.livemode)).toBe(true);
    // Acme sells a catalog: products with prices, plans with items, rules, a coupon and a discount code.
    const products = await api.get("/api/v1/products", { key: acme.live.api_key });
    expect(products.body.data.map((p: { slug: string }) => p.slug).sort()).toEqual(["pro", "starter", "usuario-extra", "whatsapp"]);
    const plans = await api.get("/api/v1/plans", { key: acme.sandbox.api_key });
    expect(plans.body.data.map((p: { slug: string; items: unknown[] }) => [p.slug, p.items.length]).sort()).toEqual([["pro", 5], ["starter", 2]]);
    expect((await api.get("/api/v1/plan_change_rules", { key: acme.live.api_key })).body.data).toHaveLength(2);
    expect((await api.get("/api/v1/coupons?code=bemvindo10", { key: acme.live.api_key })).body.data).toHaveLength(1);
    const whatsapp = products.body.data.find((p: { slug: string }) => p.slug === "whatsapp").prices[0];
    expect((await api.post(`/api/v1/prices/${whatsapp.id}/quote`, { quantity: 1500 }, { key: acme.live.api_key })).body.amount_cents).toBe(2900 + 2500);
    // And bills: a card customer's first invoice paid, a PIX customer's open with its BR Code.
    const invoices = (await api.get("/api/v1/invoices", { key: acme.sandbox.api_key })).body.data;
    expect(invoices.map((i: { status: string }) => i.status).sort()).toEqual(["open", "paid"]);
    const open = invoices.find((i: { status: string }) => i.status === "open");
    const pix = (await api.get(`/api/v1/payments?invoice_id=${open.id}`, { key: acme.sandbox.api_key })).body.data[0];
    expect(pix).toMatchObject({ status: "pending", method_type: "pix" });
    expect((await api.get("/api/v1/organization", { key: acme.live.api_key })).body).toMatchObject({ legal_name: "Acme Software LTDA", tax_id: "11444777000161" });
    const sandbox = await api.get("/api/v1/billing_accounts", { key: acme.sandbox.api_key });
    expect(sandbox.body.data.every((a: { livemode: boolean }) => !a.livemode)).toBe(true);
  });

  it("stores only the SHA-256 of each key, never the key", async () => {
    const seeded = await seedDemo(getDb(), { appUrl: "http://localhost:3000" });
    const keys = seeded.tenants.flatMap((t) => [t.live.api_key, t.sandbox.api_key]);
    const dump = JSON.stringify(await getDb().execute(sql`select * from api_keys`));
    for (const key of keys) {
      expect(dump).not.toContain(key);
      expect(dump).toContain(hashSecret(key));
    }
  });
});
