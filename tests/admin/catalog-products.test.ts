import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { prices, products, type MemberRole } from "@/db/schema";
import { productListQuery, readProducts } from "@/lib/admin/catalog-lists";
import { amountText, moneyToCents, moneyToSubcents, percentToBps } from "@/lib/admin/money-input";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { createProductGroup, createProductGroupInput } from "@/lib/catalog/product-groups";
import { createProduct } from "@/lib/catalog/products";
import { createProductInput } from "@/lib/catalog/product-input";
import { createPlan } from "@/lib/plans/plans";
import { createPlanInput } from "@/lib/plans/plan-input";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";
import { createStaffUser, formOf, refusedByRole as refused, staffSession } from "../helpers/staff";

// The Catalog's products and prices screens: the server actions as each role (only the session
// is mocked), the amounts typed as decimals, the list reads, and another organization's ids.
vi.mock("@/auth", async () => (await import("../helpers/staff")).staffAuthMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const actions = await import("@/app/(admin)/admin/[org]/catalog/actions");

type Tenant = Awaited<ReturnType<typeof createTenant>>;
let t: Tenant;
let other: Tenant;
const staff = {} as Record<MemberRole, { id: string }>;
const as = (role: MemberRole) => (staffSession.userId = staff[role].id);
const db = () => getDb();
const productRow = async (id: string) => (await db().select().from(products).where(eq(products.id, id)))[0];
const pricesOfProduct = async (id: string) => db().select().from(prices).where(eq(prices.productId, id));
const product = (organizationId: string, input: Record<string, unknown>) =>
  createProduct(db(), { organizationId }, createProductInput.parse({ product_type: "base", ...input }));

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  for (const role of ["owner", "admin", "developer", "support"] as const) staff[role] = await createStaffUser(t.live.id, role);
});
beforeEach(() => {
  staffSession.userId = null;
});

describe("amounts typed as decimals", () => {
  it("become exact integers, Brazilian and English separators alike; too many decimals or garbage are refused", () => {
    expect(moneyToSubcents("49,90")).toBe(499_000);
    expect(moneyToSubcents("49.90")).toBe(499_000);
    expect(moneyToSubcents("R$ 1.299,90")).toBe(12_999_000);
    expect(moneyToSubcents("1,299.90")).toBe(12_999_000);
    expect(moneyToSubcents("0,0125")).toBe(125);
    expect(moneyToSubcents("1.234.567")).toBe(12_345_670_000);
    expect(moneyToSubcents("0,00001")).toBeNull();
    expect(moneyToSubcents("12.99.1")).toBeNull();
    expect(moneyToSubcents("-5")).toBeNull();
    expect(moneyToSubcents("abc")).toBeNull();
    expect(moneyToCents("0,1")).toBe(10);
    expect(moneyToCents("99,999")).toBeNull();
    expect(percentToBps("12,5")).toBe(1250);
    expect(percentToBps("10%")).toBe(1000);
    expect(amountText(499_000, 4)).toBe("49,90");
    expect(amountText(125, 4)).toBe("0,0125");
    expect(amountText(5000, 2)).toBe("50,00");
  });
});

describe("products", () => {
  it("create with its first price: the amount typed as 49,90 is stored as subcents; errors name the fields", async () => {
    as("owner");
    const bad = await actions.createProductAction(t.slug, IDLE_FORM, formOf({
      name: " ", slug: "Not A Slug", product_type: "base", "prices.name": "Monthly", "prices.recurring_interval": "month", "prices.unit_amount_subcents": "49,9x",
    }));
    expect(bad.status).toBe("error");
    expect(Object.keys(bad.fields).sort()).toEqual(["name", "prices.unit_amount_subcents", "slug"]);
    expect(bad.values?.slug).toBe("Not A Slug");

    const ok = await actions.createProductAction(t.slug, IDLE_FORM, formOf({
      name: "Widget", slug: "widget", product_type: "base", description: "A widget",
      "prices.name": "Widget mensal", "prices.recurring_interval": "month", "prices.interval_count": "1", "prices.unit_amount_subcents": "49,90", "prices.setup_amount_subcents": "",
    }));
    expect(ok.status).toBe("success");
    const id = ok.values!.created_id!;
    expect(await productRow(id)).toMatchObject({ organizationId: t.live.id, name: "Widget", slug: "widget", description: "A widget" });
    expect(await pricesOfProduct(id)).toMatchObject([{ name: "Widget mensal", unitAmountSubcents: 499_000, currency: "BRL", recurringInterval: "month", billingScheme: "per_unit" }]);

    const dup = await actions.createProductAction(t.slug, IDLE_FORM, formOf({ name: "Again", slug: "widget", product_type: "base" }));
    expect(dup.fields).toEqual({ slug: "A product with this slug already exists" });
  });

  it("a metered product's price must be metered (the service's refusal under the price's field); nothing half-written", async () => {
    as("admin");
    const res = await actions.createProductAction(t.slug, IDLE_FORM, formOf({
      name: "Calls", slug: "calls", product_type: "metered", "prices.name": "Per call", "prices.recurring_interval": "month", "prices.unit_amount_subcents": "0,0125", "prices.usage_type": "licensed",
    }));
    expect(res.status).toBe("error");
    expect(res.fields["prices.usage_type"]).toMatch(/metered/);
    expect(await db().select().from(products).where(eq(products.slug, "calls"))).toEqual([]);
  });

  it("tiered prices: tiers typed one a line, problems named by tier", async () => {
    as("owner");
    const { product: p } = await product(t.live.id, { name: "Seats", slug: "seats", product_type: "addon_quantity" });
    const bad = await actions.createPriceAction(t.slug, IDLE_FORM, formOf({
      product_id: p.id, name: "Tiered", recurring_interval: "month", billing_scheme: "tiered", tiers_mode: "graduated", tiers: "10 | 5,00\n5 | 4,00\n | 3,00",
    }));
    expect(bad.fields.tiers).toMatch(/^Tier 2 \(up_to\): must be greater/);
    const ok = await actions.createPriceAction(t.slug, IDLE_FORM, formOf({
      product_id: p.id, name: "Tiered", recurring_interval: "month", billing_scheme: "tiered", tiers_mode: "graduated", tiers: "10 | 5,00\n∞ | 4,00 | 10",
    }));
    expect(ok.status).toBe("success");
    const [row] = await pricesOfProduct(p.id);
    expect(row!.tiers).toEqual([{ up_to: 10, unit_amount_subcents: 50_000, flat_amount_subcents: 0 }, { up_to: null, unit_amount_subcents: 40_000, flat_amount_subcents: 100_000 }]);
    expect(row!.unitAmountSubcents).toBe(0);
  });

  it("edit, archive (a product in a plan is kept) and unarchive; an unused product is deleted", async () => {
    as("owner");
    const used = await product(t.live.id, { name: "Used", slug: "used", prices: [{ name: "Used mensal", recurring_interval: "month", unit_amount_subcents: 100_000 }] });
    await createPlan(db(), { organizationId: t.live.id }, createPlanInput.parse({ name: "P", slug: "p-used", billing_cycles: [{ interval: "month" }], items: [{ price_id: used.prices[0]!.id }] }));
    const edit = await actions.updateProductAction(t.slug, IDLE_FORM, formOf({ id: used.product.id, name: "Used product", slug: "used", product_type: "base", description: "" }));
    expect(edit.status).toBe("success");
    expect((await productRow(used.product.id))!.name).toBe("Used product");

    const archived = await actions.archiveProductAction(t.slug, IDLE_FORM, formOf({ id: used.product.id }));
    expect(archived.message).toMatch(/archived/);
    expect(await productRow(used.product.id)).toMatchObject({ status: "archived" });
    expect((await pricesOfProduct(used.product.id)).map((p) => p.active)).toEqual([false]);
    const refusedEdit = await actions.updateProductAction(t.slug, IDLE_FORM, formOf({ id: used.product.id, name: "X", slug: "used", product_type: "base" }));
    expect(refusedEdit.message).toMatch(/archived/);

    expect((await actions.unarchiveProductAction(t.slug, IDLE_FORM, formOf({ id: used.product.id }))).status).toBe("success");
    expect(await productRow(used.product.id)).toMatchObject({ status: "active", archivedAt: null });

    const unused = await product(t.live.id, { name: "Unused", slug: "unused" });
    const gone = await actions.archiveProductAction(t.slug, IDLE_FORM, formOf({ id: unused.product.id }));
    expect(gone.values).toEqual({ deleted: "product" });
    expect(await productRow(unused.product.id)).toBeUndefined();
  });

  it("prices: deactivate and activate; delete removes an unused price and deactivates one a plan uses", async () => {
    as("admin");
    const { product: p, prices: [a, b] } = await product(t.live.id, {
      name: "Two prices", slug: "two-prices",
      prices: [{ name: "A", recurring_interval: "month", unit_amount_subcents: 100 }, { name: "B", recurring_interval: "year", unit_amount_subcents: 200 }],
    });
    await createPlan(db(), { organizationId: t.live.id }, createPlanInput.parse({ name: "Q", slug: "q-two", billing_cycles: [{ interval: "month" }], items: [{ price_id: a!.id }] }));
    expect((await actions.setPriceActiveAction(t.slug, IDLE_FORM, formOf({ id: b!.id, active: "false" }))).message).toMatch(/deactivated/);
    expect((await actions.setPriceActiveAction(t.slug, IDLE_FORM, formOf({ id: b!.id, active: "true" }))).message).toMatch(/activated/);
    expect((await actions.deletePriceAction(t.slug, IDLE_FORM, formOf({ id: b!.id }))).message).toBe("Price deleted.");
    const kept = await actions.deletePriceAction(t.slug, IDLE_FORM, formOf({ id: a!.id }));
    expect(kept.message).toMatch(/in use .* deactivated instead/);
    expect(await pricesOfProduct(p.id)).toMatchObject([{ id: a!.id, active: false }]);
  });

  it("developer and support are refused every write, and nothing changes", async () => {
    const { product: p, prices: [price] } = await product(t.live.id, { name: "Guarded", slug: "guarded", prices: [{ name: "G", recurring_interval: "month", unit_amount_subcents: 100 }] });
    for (const role of ["developer", "support"] as const) {
      as(role);
      expect(refused(await actions.createProductAction(t.slug, IDLE_FORM, formOf({ name: "Sneaky", slug: "sneaky", product_type: "base" })))).toBe(true);
      expect(refused(await actions.updateProductAction(t.slug, IDLE_FORM, formOf({ id: p.id, name: "Renamed", slug: "guarded", product_type: "base" })))).toBe(true);
      expect(refused(await actions.archiveProductAction(t.slug, IDLE_FORM, formOf({ id: p.id })))).toBe(true);
      expect(refused(await actions.createPriceAction(t.slug, IDLE_FORM, formOf({ product_id: p.id, name: "X", recurring_interval: "month", unit_amount_subcents: "1" })))).toBe(true);
      expect(refused(await actions.setPriceActiveAction(t.slug, IDLE_FORM, formOf({ id: price!.id, active: "false" })))).toBe(true);
      expect(refused(await actions.deletePriceAction(t.slug, IDLE_FORM, formOf({ id: price!.id })))).toBe(true);
    }
    expect(await db().select().from(products).where(eq(products.slug, "sneaky"))).toEqual([]);
    expect(await productRow(p.id)).toMatchObject({ name: "Guarded", status: "active" });
    expect(await pricesOfProduct(p.id)).toMatchObject([{ id: price!.id, active: true }]);
  });

  it("another organization's product and price are not found, and untouched (the sandbox is another organization too)", async () => {
    const { product: p, prices: [price] } = await product(other.live.id, { name: "Theirs", slug: "theirs", prices: [{ name: "T", recurring_interval: "month", unit_amount_subcents: 100 }] });
    as("owner");
    expect((await actions.updateProductAction(t.slug, IDLE_FORM, formOf({ id: p.id, name: "Mine", slug: "theirs", product_type: "base" }))).message).toBe("This product was not found: nothing was changed.");
    expect((await actions.archiveProductAction(t.slug, IDLE_FORM, formOf({ id: p.id }))).message).toBe("This product was not found: nothing was changed.");
    expect((await actions.unarchiveProductAction(t.slug, IDLE_FORM, formOf({ id: p.id }))).message).toBe("This product was not found: nothing was changed.");
    expect((await actions.createPriceAction(t.slug, IDLE_FORM, formOf({ product_id: p.id, name: "X", recurring_interval: "month", unit_amount_subcents: "1" }))).message).toBe("This product was not found: nothing was changed.");
    expect((await actions.setPriceActiveAction(t.slug, IDLE_FORM, formOf({ id: price!.id, active: "false" }))).message).toBe("This price was not found: nothing was changed.");
    expect((await actions.deletePriceAction(t.sandbox.slug, IDLE_FORM, formOf({ id: price!.id }))).message).toBe("This price was not found: nothing was changed.");
    expect((await actions.updateProductAction(t.slug, IDLE_FORM, formOf({ id: "not-a-uuid", name: "Mine", slug: "x", product_type: "base" }))).message).toMatch(/not found/);
    expect(await productRow(p.id)).toMatchObject({ name: "Theirs", status: "active" });
    expect(await pricesOfProduct(p.id)).toMatchObject([{ active: true }]);
  });
});

describe("editing a price, and a product's references", () => {
  it("the name always; the terms while unused (only changed terms are sent); a used price's terms are refused under the field", async () => {
    as("owner");
    const { product: p, prices: [used, free] } = await product(t.live.id, {
      name: "Editable", slug: "editable",
      prices: [{ name: "Used", recurring_interval: "month", unit_amount_subcents: 499_000 }, { name: "Free", recurring_interval: "month", unit_amount_subcents: 100_000, usage_type: "licensed" }],
    });
    await createPlan(db(), { organizationId: t.live.id }, createPlanInput.parse({ name: "E", slug: "e-used", billing_cycles: [{ interval: "month" }], items: [{ price_id: used!.id }] }));
    const form = (id: string, name: string, amount: string) => formOf({ id, name, currency: "BRL", recurring_interval: "month", interval_count: "1", billing_scheme: "per_unit", usage_type: "licensed", unit_amount_subcents: amount, setup_amount_subcents: "", tiers: "" });
    expect((await actions.updatePriceAction(t.slug, IDLE_FORM, form(used!.id, "Used, renamed", "49,90"))).message).toBe("Price “Used, renamed” saved.");
    const refusedTerms = await actions.updatePriceAction(t.slug, IDLE_FORM, form(used!.id, "Used, renamed", "59,90"));
    expect(refusedTerms.fields.unit_amount_subcents).toMatch(/in use/);
    const ok = await actions.updatePriceAction(t.slug, IDLE_FORM, form(free!.id, "Cheaper", "5"));
    expect(ok.message).toMatch(/new terms/);
    const after = new Map((await pricesOfProduct(p.id)).map((r) => [r.id, r]));
    expect(after.get(used!.id)).toMatchObject({ name: "Used, renamed", unitAmountSubcents: 499_000 });
    expect(after.get(free!.id)).toMatchObject({ name: "Cheaper", unitAmountSubcents: 50_000 });
    const { prices: [theirs] } = await product(other.live.id, { name: "T2", slug: "t2", prices: [{ name: "T", recurring_interval: "month", unit_amount_subcents: 1 }] });
    expect((await actions.updatePriceAction(t.slug, IDLE_FORM, form(theirs!.id, "Mine", "1"))).message).toBe("This price was not found: nothing was changed.");
    as("support");
    expect(refused(await actions.updatePriceAction(t.slug, IDLE_FORM, form(free!.id, "Sneaky", "1")))).toBe(true);
    expect((await pricesOfProduct(theirs!.productId))[0]).toMatchObject({ name: "T" });
  });

  it("a product group or service item of another organization is refused under its field", async () => {
    as("owner");
    const group = await createProductGroup(db(), { organizationId: other.live.id }, createProductGroupInput.parse({ name: "Theirs", slug: "theirs-group" }));
    const res = await actions.createProductAction(t.slug, IDLE_FORM, formOf({ name: "Grouped", slug: "grouped", product_type: "base", product_group_id: group.id }));
    expect(Object.keys(res.fields)).toEqual(["product_group_id"]);
    const mine = await createProductGroup(db(), { organizationId: t.live.id }, createProductGroupInput.parse({ name: "Mine", slug: "mine-group" }));
    const ok = await actions.createProductAction(t.slug, IDLE_FORM, formOf({ name: "Grouped", slug: "grouped", product_type: "base", product_group_id: mine.id }));
    expect((await productRow(ok.values!.created_id!))!.productGroupId).toBe(mine.id);
  });
});

describe("the products list", () => {
  it("searches name or slug (wildcards literal), filters by status and type, pages by cursor, never another tenant's rows", async () => {
    const org = { organizationId: t.sandbox.id };
    for (let i = 0; i < 3; i++) await product(t.sandbox.id, { name: `Gadget ${i}`, slug: `gadget-${i}` });
    await product(t.sandbox.id, { name: "100% Cotton", slug: "cotton", product_type: "addon_fixed" });
    await product(other.sandbox.id, { name: "Gadget elsewhere", slug: "gadget-x" });
    const q = (input: Record<string, unknown>) => productListQuery.parse(input);
    expect((await readProducts(db(), org, q({ search: "gadget" }))).rows.map((r) => r.name)).toEqual(["Gadget 2", "Gadget 1", "Gadget 0"]);
    expect((await readProducts(db(), org, q({ search: "GADGET-1" }))).rows.map((r) => r.name)).toEqual(["Gadget 1"]);
    expect((await readProducts(db(), org, q({ search: "0%" }))).rows.map((r) => r.name)).toEqual(["100% Cotton"]);
    expect((await readProducts(db(), org, q({ search: "%" }))).rows.map((r) => r.name)).toEqual(["100% Cotton"]);
    expect((await readProducts(db(), org, q({ product_type: "addon_fixed" }))).rows.map((r) => r.name)).toEqual(["100% Cotton"]);
    expect((await readProducts(db(), org, q({ status: "archived" }))).rows).toEqual([]);
    const first = await readProducts(db(), org, { ...q({ search: "gadget" }), limit: 2 });
    expect(first.rows.map((r) => r.name)).toEqual(["Gadget 2", "Gadget 1"]);
    const second = await readProducts(db(), org, { ...q({ search: "gadget", cursor: first.nextCursor! }), limit: 2 });
    expect(second.rows.map((r) => r.name)).toEqual(["Gadget 0"]);
    expect(second.nextCursor).toBeNull();
    expect(productListQuery.safeParse({ product_type: "nope" }).success).toBe(false);
  });

  it("the API takes the same search (GET /products?search=, GET /plans?search=), tenant-scoped", async () => {
    const names = async (path: string, key: string) => ((await api.get(path, { key })).body.data as Array<{ name: string }>).map((r) => r.name);
    expect(await names("/api/v1/products?search=GADGET", t.testKey)).toEqual(["Gadget 2", "Gadget 1", "Gadget 0"]);
    expect(await names("/api/v1/products?search=gadget", other.testKey)).toEqual(["Gadget elsewhere"]);
    expect(await names("/api/v1/products?search=0%25", t.testKey)).toEqual(["100% Cotton"]);
    const { prices: [price] } = await product(t.sandbox.id, { name: "Plan stuff", slug: "plan-stuff", prices: [{ name: "M", recurring_interval: "month", unit_amount_subcents: 1 }] });
    await createPlan(db(), { organizationId: t.sandbox.id }, createPlanInput.parse({ name: "Searchable plan", slug: "searchable", billing_cycles: [{ interval: "month" }], items: [{ price_id: price!.id }] }));
    expect(await names("/api/v1/plans?search=SEARCHABLE", t.testKey)).toEqual(["Searchable plan"]);
    expect(await names("/api/v1/plans?search=searchable", other.testKey)).toEqual([]);
  });
});
