import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { credits, type MemberRole } from "@/db/schema";
import { endOfDayUtc } from "@/lib/admin/customer-credits";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { createBillingAccountInput } from "@/lib/billing-accounts/input";
import { createBillingAccount } from "@/lib/billing-accounts/service";
import { creditBalance } from "@/lib/credits/balance";
import { grantCredit } from "@/lib/credits/service";
import { createTenant, validAccount } from "../helpers/factories";
import { createStaffUser, formOf, refusedByRole as refused, staffSession } from "../helpers/staff";

// A customer's credits from the admin: grant (money typed as text, exact cents; the API's
// schema names the fields) and void, for owners and admins only; another organization's
// account or credit is "not found" and untouched. Only the session is mocked.
vi.mock("@/auth", async () => (await import("../helpers/staff")).staffAuthMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const actions = await import("@/app/(admin)/admin/[org]/customers/actions");

type Tenant = Awaited<ReturnType<typeof createTenant>>;
let t: Tenant;
let other: Tenant;
let accountId: string;
let theirAccountId: string;
const staff = {} as Record<MemberRole, { id: string }>;
const as = (role: MemberRole) => (staffSession.userId = staff[role].id);
const account = (organizationId: string) => createBillingAccount(getDb(), { organizationId, mode: "live" }, createBillingAccountInput.parse(validAccount()));
const creditsOf = (billingAccountId: string) => getDb().select().from(credits).where(eq(credits.billingAccountId, billingAccountId));
const grant = (fields: Record<string, string>, acct = accountId) => actions.grantCreditAction(t.slug, IDLE_FORM, formOf({ billing_account_id: acct, credit_type: "manual", currency: "", expires_on: "", description: "", ...fields }));
const nextYear = `${new Date().getUTCFullYear() + 1}-03-31`;

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  for (const role of ["owner", "admin", "support"] as const) staff[role] = await createStaffUser(t.live.id, role);
  accountId = (await account(t.live.id)).id;
  theirAccountId = (await account(other.live.id)).id;
});
beforeEach(() => {
  staffSession.userId = null;
});

describe("Grant credit", () => {
  it("turns the typed amount into exact cents in the organization's currency, with the expiry at the end of the day (UTC)", async () => {
    as("admin");
    const state = await grant({ amount: "1.234,56", credit_type: "promotional", expires_on: nextYear, description: "Black Friday" });
    expect(state.status).toBe("success");
    expect(state.message).toMatch(/^Credit of R\$\s1\.234,56 granted\.$/);
    expect(await grant({ amount: "0.10" })).toMatchObject({ status: "success" });
    const rows = await creditsOf(accountId);
    expect(rows.map((r) => [r.amountCents, r.amountRemainingCents, r.currency, r.creditType]).sort()).toEqual([[10, 10, "BRL", "manual"], [123456, 123456, "BRL", "promotional"]]);
    expect(rows.find((r) => r.amountCents === 123456)!.expiresAt!.toISOString()).toBe(`${nextYear}T23:59:59.000Z`);
    expect(await creditBalance(getDb(), { organizationId: t.live.id, billingAccountId: accountId, at: new Date() })).toEqual([{ currency: "BRL", available_cents: 123466 }]);
  });

  it("names the fields: amount (not money, zero, too precise), credit type, currency, a past expiry; nothing is granted", async () => {
    as("owner");
    const before = (await creditsOf(accountId)).length;
    expect((await grant({ amount: "" })).fields).toEqual({ amount: "is required" });
    expect((await grant({ amount: "dez reais" })).fields.amount).toMatch(/must be an amount/);
    expect((await grant({ amount: "0,00" })).fields).toEqual({ amount: "must be more than zero" });
    expect((await grant({ amount: "12,3456" })).fields.amount).toMatch(/must be an amount/);
    const bad = await grant({ amount: "10", credit_type: "gift", currency: "R$", expires_on: "2001-01-01", description: "x".repeat(501) });
    expect(Object.keys(bad.fields).sort()).toEqual(["credit_type", "currency", "description", "expires_on"]);
    expect(bad.fields.expires_on).toBe("must be in the future");
    expect(bad.values?.amount).toBe("10");
    expect((await creditsOf(accountId)).length).toBe(before);
  });

  it("support is refused; another organization's account is not found; nothing is granted", async () => {
    as("support");
    expect(refused(await grant({ amount: "50" }))).toBe(true);
    as("owner");
    expect((await grant({ amount: "50" }, theirAccountId)).message).toBe("This customer was not found: nothing was changed.");
    expect(await creditsOf(theirAccountId)).toHaveLength(0);
    expect((await creditsOf(accountId)).some((c) => c.amountCents === 5000)).toBe(false);
  });
});

describe("Void credit", () => {
  it("needs the confirmation, voids what is left, and refuses a second void", async () => {
    const credit = await grantCredit(getDb(), { organizationId: t.live.id, mode: "live", billingAccountId: accountId }, { credit_type: "manual", amount_cents: 2500 });
    as("owner");
    const form = (extra: Record<string, string> = {}) => formOf({ id: credit.id, billing_account_id: accountId, ...extra });
    expect((await actions.voidCreditAction(t.slug, IDLE_FORM, form())).message).toMatch(/Confirm/);
    as("support");
    expect(refused(await actions.voidCreditAction(t.slug, IDLE_FORM, form({ confirm: "void" })))).toBe(true);
    expect((await creditsOf(accountId)).find((c) => c.id === credit.id)!.status).toBe("active");
    as("admin");
    expect((await actions.voidCreditAction(t.slug, IDLE_FORM, form({ confirm: "void" }))).status).toBe("success");
    expect((await creditsOf(accountId)).find((c) => c.id === credit.id)).toMatchObject({ status: "voided", amountRemainingCents: 0 });
    expect((await actions.voidCreditAction(t.slug, IDLE_FORM, form({ confirm: "void" }))).message).toBe("This credit is already voided");
  });

  it("another organization's credit (or one of another account) is not found and untouched", async () => {
    const theirs = await grantCredit(getDb(), { organizationId: other.live.id, mode: "live", billingAccountId: theirAccountId }, { credit_type: "manual", amount_cents: 700 });
    const sibling = await account(t.live.id);
    const siblings = await grantCredit(getDb(), { organizationId: t.live.id, mode: "live", billingAccountId: sibling.id }, { credit_type: "manual", amount_cents: 800 });
    as("owner");
    for (const [id, acct] of [[theirs.id, accountId], [theirs.id, theirAccountId], [siblings.id, accountId]] as const) {
      expect((await actions.voidCreditAction(t.slug, IDLE_FORM, formOf({ id, billing_account_id: acct, confirm: "void" }))).message).toBe("This credit was not found: nothing was changed.");
    }
    expect((await creditsOf(theirAccountId))[0]).toMatchObject({ status: "active", amountRemainingCents: 700 });
    expect((await creditsOf(sibling.id))[0]).toMatchObject({ status: "active", amountRemainingCents: 800 });
  });

  it("endOfDayUtc reads a date input's day", () => {
    expect(endOfDayUtc("2027-01-31")).toBe("2027-01-31T23:59:59Z");
    expect(endOfDayUtc("tomorrow")).toBe("tomorrow");
  });
});
