import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { emailOutbox, proposals, type MemberRole } from "@/db/schema";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { adminProposalQuery, getProposalDetail, listProposalRows } from "@/lib/admin/proposal-views";
import { page } from "@/lib/api/pagination";
import { stopBoss } from "@/lib/jobs/boss";
import { getProposalOrThrow } from "@/lib/proposals/service";
import { api } from "../helpers/api";
import { validAccount } from "../helpers/factories";
import { createStaffUser, formOf, refusedByRole, staffSession } from "../helpers/staff";
import { tenantWithCatalog } from "../api/subscriptions-factories";

// The admin's Proposals screens: the server actions as each role (only the session is mocked),
// the create form validated by the API's schema with each error under its input, create and send
// through the services with the email in the outbox and its delivery job queued after commit,
// send / edit / withdraw, another organization's ids "not found", and the list's search,
// status filter and cursor pages never showing another organization's proposals.
vi.mock("@/auth", async () => (await import("../helpers/staff")).staffAuthMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const actions = await import("@/app/(admin)/admin/[org]/proposals/actions");

type Catalog = Awaited<ReturnType<typeof tenantWithCatalog>>;
let c: Catalog;
let other: Catalog;
const staff = {} as Record<MemberRole, { id: string }>;
const as = (role: MemberRole) => (staffSession.userId = staff[role].id);
const db = () => getDb();
const FUTURE = "2099-12-01T18:00";

beforeAll(async () => {
  [c, other] = await Promise.all([tenantWithCatalog(), tenantWithCatalog()]);
  for (const role of ["owner", "admin", "developer", "support"] as const) staff[role] = await createStaffUser(c.t.live.id, role);
});
beforeEach(() => {
  staffSession.userId = null;
});
afterAll(async () => {
  await stopBoss();
});

const count = async (organizationId: string) => (await db().select({ n: sql<number>`count(*)::int` }).from(proposals).where(eq(proposals.organizationId, organizationId)))[0]!.n;
const outboxOf = async (organizationId: string) => db().select().from(emailOutbox).where(and(eq(emailOutbox.organizationId, organizationId), eq(emailOutbox.template, "proposal")));

/** The create action: its answer, or the page it opened (it redirects on success). */
async function create(fields: Record<string, string>, slug = c.t.slug): Promise<{ state?: AdminFormState; id?: string; to?: string }> {
  try {
    return { state: await actions.createProposalAction(slug, IDLE_FORM, formOf(fields)) };
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? "");
    const to = /^NEXT_REDIRECT;[^;]*;([^;]+);/.exec(digest)?.[1];
    if (!to) throw error;
    return { to, id: /\/proposals\/([0-9a-f-]{36})/.exec(to)?.[1] };
  }
}
const planOffer = (extra: Record<string, string> = {}) => ({ billing_account_id: c.account.id, offer_type: "plan", plan_id: c.plan.id, valid_until: FUTURE, ...extra });

describe("creating a proposal", () => {
  it("names the field of each problem and saves nothing", async () => {
    as("owner");
    const before = await count(c.t.live.id);
    const empty = await create({ offer_type: "plan", plan_id: "", billing_account_id: "" });
    expect(empty.state?.status).toBe("error");
    expect(empty.state?.fields.billing_account_id).toBe("choose a customer");
    expect(empty.state?.fields.valid_until).toBe("is required");
    expect(empty.state?.fields.plan_id).toMatch(/choose a plan/);

    const bad = await create({ billing_account_id: c.account.id, offer_type: "items", "items.0.price_id": c.pro.prices[0].id, "items.0.quantity": "two", "items.3.price_id": c.pro.prices[0].id, valid_until: "2001-01-01T10:00" });
    expect(bad.state?.fields["items.0.quantity"]).toBe("must be a whole number");
    expect(bad.state?.fields.valid_until).toBe("must be in the future");

    // The service's refusals too, under the input they concern (the add-on by its price, the item by its row).
    const dup = await create({ billing_account_id: c.account.id, offer_type: "items", "items.0.price_id": c.pro.prices[0].id, "items.5.price_id": c.pro.prices[0].id, valid_until: FUTURE });
    expect(dup.state?.fields["items.5.price_id"]).toBe("this price is already an item");
    const mixed = await create({ billing_account_id: c.account.id, offer_type: "items", "items.0.price_id": c.pro.prices[0].id, "items.1.price_id": c.seats.prices[1].id, valid_until: FUTURE });
    expect(mixed.state?.fields["items.1.price_id"]).toMatch(/same cycle/);
    const coupon = await create(planOffer({ coupon: "NOPE" }));
    expect(coupon.state?.fields.coupon).toMatch(/No such coupon/);
    const addOn = await create(planOffer({ [`add_ons.${c.pro.prices[0].id}`]: "2" }));
    expect(addOn.state?.fields[`add_ons.${c.pro.prices[0].id}`]).toMatch(/not an optional item/);
    expect(coupon.state?.values?.coupon).toBe("NOPE"); // what was typed comes back
    expect(await count(c.t.live.id)).toBe(before);
  });

  it("creates and sends: the proposal through the service, the email in the outbox with the portal link, its delivery queued after commit", async () => {
    as("admin");
    const res = await create(planOffer({ [`quantities.${c.pro.prices[0].id}`]: "2", [`add_ons.${c.seats.prices[0].id}`]: "3", trial_days: "7", message: "Oferta especial", intent: "send" }));
    expect(res.to).toBe(`/admin/${c.t.slug}/proposals/${res.id}?created=sent`);
    const p = await getProposalOrThrow(db(), { organizationId: c.t.live.id, id: res.id! });
    expect(p).toMatchObject({ status: "open", planId: c.plan.id, trialDays: 7, message: "Oferta especial", billingInterval: "month" });
    expect(p.items).toEqual([{ price_id: c.pro.prices[0].id, quantity: 2 }, { price_id: c.seats.prices[0].id, quantity: 3 }]);
    // 18:00 in the organization's zone (America/Sao_Paulo, UTC-3).
    expect(p.validUntil.toISOString()).toBe("2099-12-01T21:00:00.000Z");

    const emails = (await outboxOf(c.t.live.id)).filter((e) => e.headers["X-Entity-Ref-ID"] === `proposal:${p.id}`);
    expect(emails.map((e) => e.toAddress)).toEqual([validAccount().email]); // no portal users: the billing email
    expect(emails[0]!.text).toContain(`/proposals/${p.id}`);
    expect(emails[0]!.text).toContain("Oferta especial");
    await expect.poll(async () => (await db().execute(sql`select 1 from pgboss.job where name = 'email.deliver' and data->>'emailId' = ${emails[0]!.id}`)).length, { timeout: 10_000 }).toBe(1);

    const detail = await getProposalDetail(db(), { organizationId: c.t.live.id }, p);
    expect(detail.lines.map((l) => [l.quantity, l.amountCents])).toEqual([[2, 15_980], [3, 5_970]]);
    expect(detail.recurringCents).toBe(21_950);
    expect(detail.history.map((h) => h.label)).toEqual(["Created", `Sent to ${validAccount().email}`]);
  });

  it("without sending: no email; then sent from its page to the account's active portal users", async () => {
    as("owner");
    const res = await create({ billing_account_id: c.account.id, offer_type: "items", "items.0.price_id": c.pro.prices[1].id, "items.0.quantity": "1", valid_until: FUTURE, intent: "create" });
    expect(res.to).toMatch(/\?created=draft$/);
    const mine = async () => (await outboxOf(c.t.live.id)).filter((e) => e.headers["X-Entity-Ref-ID"] === `proposal:${res.id}`);
    expect(await mine()).toHaveLength(0);
    const user = await api.post(`/api/v1/billing_accounts/${c.account.id}/portal_users`, { email: "joana@paoquente.example", name: "Joana", role: "owner", send_invite: false }, { key: c.key });
    expect(user.status).toBe(201);
    const sent = await actions.sendProposalAction(c.t.slug, IDLE_FORM, formOf({ id: res.id! }));
    expect(sent).toMatchObject({ status: "success", message: "Proposal sent to joana@paoquente.example." });
    expect((await mine()).map((e) => e.toAddress)).toEqual(["joana@paoquente.example"]);
  });
});

describe("send, edit and withdraw", () => {
  it("edits the message and validity, withdraws behind a confirmation, then refuses to act on it", async () => {
    as("owner");
    const { id } = await create(planOffer({ message: "Primeira versão" }));
    const edited = await actions.updateProposalAction(c.t.slug, IDLE_FORM, formOf({ id: id!, valid_until: "2099-06-01T09:30", message: "" }));
    expect(edited.status).toBe("success");
    let p = await getProposalOrThrow(db(), { organizationId: c.t.live.id, id: id! });
    expect([p.message, p.validUntil.toISOString()]).toEqual([null, "2099-06-01T12:30:00.000Z"]);
    const past = await actions.updateProposalAction(c.t.slug, IDLE_FORM, formOf({ id: id!, valid_until: "2000-06-01T09:30", message: "x" }));
    expect(past.fields.valid_until).toBe("must be in the future");

    expect((await actions.cancelProposalAction(c.t.slug, IDLE_FORM, formOf({ id: id! }))).message).toBe("Confirm to withdraw the proposal.");
    const withdrawn = await actions.cancelProposalAction(c.t.slug, IDLE_FORM, formOf({ id: id!, confirm: "withdraw" }));
    expect(withdrawn.status).toBe("success");
    p = await getProposalOrThrow(db(), { organizationId: c.t.live.id, id: id! });
    expect(p.status).toBe("canceled");
    const again = await actions.sendProposalAction(c.t.slug, IDLE_FORM, formOf({ id: id! }));
    expect(again).toMatchObject({ status: "error", message: "Nothing was changed: This proposal is canceled and can no longer be sent." });
  });

  it("refuses roles without business:write, and changes nothing", async () => {
    as("owner");
    const { id } = await create(planOffer());
    const before = await count(c.t.live.id);
    for (const role of ["developer", "support"] as const) {
      as(role);
      expect(refusedByRole((await create(planOffer({ intent: "send" }))).state!)).toBe(true);
      expect(refusedByRole(await actions.sendProposalAction(c.t.slug, IDLE_FORM, formOf({ id: id! })))).toBe(true);
      expect(refusedByRole(await actions.cancelProposalAction(c.t.slug, IDLE_FORM, formOf({ id: id!, confirm: "withdraw" })))).toBe(true);
      expect(refusedByRole(await actions.updateProposalAction(c.t.slug, IDLE_FORM, formOf({ id: id!, message: "hack" })))).toBe(true);
    }
    expect(await count(c.t.live.id)).toBe(before);
    const p = await getProposalOrThrow(db(), { organizationId: c.t.live.id, id: id! });
    expect([p.status, p.message]).toEqual(["open", null]);
    expect((await outboxOf(c.t.live.id)).filter((e) => e.headers["X-Entity-Ref-ID"] === `proposal:${id}`)).toHaveLength(0);
  });

  it("another organization's proposal is not found and untouched; its account is refused under the field; the sandbox is another organization", async () => {
    as("owner");
    const theirs = await api.post("/api/v1/proposals", { billing_account_id: other.account.id, plan_id: other.plan.id, valid_until: "2099-01-01T00:00:00Z" }, { key: other.key });
    expect(theirs.status).toBe(201);
    for (const act of [actions.sendProposalAction, actions.updateProposalAction]) {
      expect((await act(c.t.slug, IDLE_FORM, formOf({ id: theirs.body.id, message: "x" }))).message).toBe("This proposal was not found: nothing was changed.");
    }
    expect((await actions.cancelProposalAction(c.t.slug, IDLE_FORM, formOf({ id: theirs.body.id, confirm: "withdraw" }))).message).toBe("This proposal was not found: nothing was changed.");
    expect((await actions.sendProposalAction(c.t.slug, IDLE_FORM, formOf({ id: "not-a-uuid" }))).message).toBe("This proposal was not found: nothing was changed.");
    const p = await getProposalOrThrow(db(), { organizationId: other.t.live.id, id: theirs.body.id });
    expect([p.status, p.message]).toEqual(["open", null]);
    expect(await outboxOf(other.t.live.id)).toHaveLength(0);

    const foreign = await create({ ...planOffer(), billing_account_id: other.account.id });
    expect(foreign.state?.fields.billing_account_id).toMatch(/No such billing account/i);
    // The live plan from the sandbox's page: not the sandbox's plan.
    const sandbox = await create(planOffer(), c.t.sandbox.slug);
    expect(sandbox.state?.status).toBe("error");
    expect(await count(c.t.sandbox.id)).toBe(0);
  });
});

describe("the list", () => {
  it("searches by customer, filters by status, pages by cursor, and never shows another organization's proposals", async () => {
    const maria = await api.post("/api/v1/billing_accounts", validAccount({ name: "Maria Silva", legal_name: null, email: "maria.silva@example.com", document: "529.982.247-25" }), { key: c.key });
    const mine = await api.post("/api/v1/proposals", { billing_account_id: maria.body.id, plan_id: c.plan.id, valid_until: "2099-01-01T00:00:00Z" }, { key: c.key });
    await api.post("/api/v1/proposals", { billing_account_id: other.account.id, plan_id: other.plan.id, valid_until: "2099-01-01T00:00:00Z" }, { key: other.key });
    const list = (q: Record<string, unknown>) => listProposalRows(db(), { organizationId: c.t.live.id }, adminProposalQuery.parse(q));
    for (const q of ["maria", "SILVA@EXAMPLE", "52998224725", "529.982.247-25", mine.body.id]) {
      expect((await list({ q })).map((r) => r.id), q).toEqual([mine.body.id]);
    }
    const row = (await list({ q: "maria" }))[0]!;
    expect(row).toMatchObject({ status: "open", offer: "Pro", currency: "BRL", recurringCents: 7_990, account: { name: "Maria Silva" } });
    expect(await list({ q: "%" })).toEqual([]);
    const canceled = await list({ status: "canceled" });
    expect(canceled.length).toBeGreaterThan(0);
    expect(canceled.every((r) => r.status === "canceled")).toBe(true);
    expect((await list({ status: "open", q: "paoquente" })).every((r) => r.status === "open" && r.account?.email === validAccount().email)).toBe(true);

    const all = await list({ limit: 100 });
    expect(all.every((r) => r.account && r.account.id !== other.account.id)).toBe(true);
    expect(all.length).toBe(await count(c.t.live.id));
    const first = page(await list({ limit: 2 }), 2, (r) => r.id);
    const second = page(await list({ limit: 2, cursor: first.next_cursor! }), 2, (r) => r.id);
    expect([...first.data, ...second.data]).toEqual(all.slice(0, 4).map((r) => r.id));
    expect(adminProposalQuery.safeParse({ status: "pending" }).success).toBe(false);
  });
});
