// The admin's Catalog screens, as the demo owner: a product created with its first price (typed
// as 49,90), a second price added and deactivated, the product found by the list's search; a
// plan made of its price, with its checkout address; a coupon created and edited; the demo's
// discount codes and plan change rules listed and a rule opened. Support sees the catalog
// read-only; another organization's ids are 404. axe-core on every list and detail page.
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { demoKey } from "@/db/seed";
import { signInStaff } from "./support/admin";
import { expectAccessible } from "./support/axe";
import { e2eDatabaseUrl } from "./support/database";

const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
test.afterAll(async () => sql.end());
// What a test adds to the shared demo data is removed after it (other specs count it).
const cleanups: Array<() => Promise<void>> = [];
test.afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

const tag = () => Math.random().toString(36).slice(2, 8);

test("products: create one with its price (49,90), find it by the list's search, open it", async ({ page }) => {
  const t = tag();
  cleanups.push(async () => {
    await sql`delete from prices where product_id in (select id from products where slug = ${`e2e-widget-${t}`})`;
    await sql`delete from products where slug = ${`e2e-widget-${t}`}`;
  });
  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Catalog" }).click();
  await expect(page).toHaveURL(/\/admin\/acme\/catalog\/products$/);
  await expect(page.getByRole("table", { name: /Products/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Acme CRM Pro" })).toBeVisible();
  await expectAccessible(page);

  // Validation inline, nothing created.
  const create = page.getByRole("region", { name: "Create a product" });
  await create.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByTestId("form-status")).toContainText("correct the fields");
  await expect(create.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await create.getByLabel("Name", { exact: true }).fill(`E2E Widget ${t}`);
  await create.getByLabel("Slug", { exact: true }).fill(`e2e-widget-${t}`);
  await create.getByLabel("Price name (leave empty for no price yet)").fill("Widget mensal");
  await create.getByLabel("Unit amount (R$)").fill("49,90");
  await create.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByTestId("form-status")).toContainText(`Product “E2E Widget ${t}” created with its price.`);

  // The list's search is in the URL (shareable).
  await page.getByLabel("Name or slug").fill(`widget-${t}`);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`search=widget-${t}`));
  await expect(page.getByTestId("product-row")).toHaveCount(1);
  await expect(page.getByTestId("product-row")).toContainText("R$ 49,90 / month");
  await page.getByRole("link", { name: `E2E Widget ${t}` }).click();

  await expect(page.getByRole("heading", { name: new RegExp(`E2E Widget ${t}`) })).toBeVisible();
  await expect(page.getByRole("table", { name: "Prices" })).toContainText("R$ 49,90 / month");
  await expectAccessible(page);
});

test("a product's page: add a price, deactivate it; edit the product", async ({ page, request }) => {
  const t = tag();
  const res = await request.post("/api/v1/products", {
    headers: { Authorization: `Bearer ${demoKey("acme", "live")}` },
    data: { name: `E2E Gizmo ${t}`, slug: `e2e-gizmo-${t}`, product_type: "base", prices: [{ name: "Gizmo mensal", recurring_interval: "month", unit_amount_subcents: 100_000 }] },
  });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  cleanups.push(async () => {
    await sql`delete from prices where product_id = ${id}`;
    await sql`delete from products where id = ${id}`;
  });
  await signInStaff(page, "owner@acme.example");
  await page.goto(`/admin/acme/catalog/products/${id}`);
  await expect(page.getByRole("table", { name: "Prices" })).toContainText("R$ 10,00 / month");

  // A second price, yearly, then deactivated.
  await page.getByLabel("Price name", { exact: true }).fill("Widget anual");
  await page.getByLabel("Billing interval").selectOption("year");
  await page.getByLabel("Unit amount (R$)").fill("499");
  await page.getByRole("button", { name: "Add price" }).click();
  const yearly = page.getByTestId("price-row").filter({ hasText: "Widget anual" });
  await expect(yearly).toContainText("R$ 499,00 / year");
  await yearly.getByRole("button", { name: "Deactivate Widget anual" }).click();
  await expect(yearly).toContainText("Inactive");

  // Its page: the terms of an unused price can change (opened as a fresh page load).
  await page.goto((await yearly.getByRole("link", { name: "Edit Widget anual" }).getAttribute("href"))!);
  await expect(page.getByLabel("Unit amount (R$)")).toHaveValue("499,00");
  await page.getByLabel("Unit amount (R$)").fill("479,90");
  await page.getByRole("button", { name: "Save price" }).click();
  await expect(page.getByTestId("form-status")).toContainText("Price “Widget anual” saved with its new terms.");
  await expectAccessible(page);

  // Edit the product on its own page (opened as a fresh page load).
  await page.goto(`/admin/acme/catalog/products/${id}`);
  await expect(page.getByRole("link", { name: "Edit product" })).toHaveAttribute("href", `/admin/acme/catalog/products/${id}/edit`);
  await page.goto(`/admin/acme/catalog/products/${id}/edit`);
  await page.getByLabel("Description (optional)").fill("Made by the e2e spec");
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByTestId("form-status")).toContainText("saved");
  await expectAccessible(page);
});

test("plans: create one of the catalog's prices (items required), open it with its items and checkout address", async ({ page }) => {
  const t = tag();
  cleanups.push(async () => void (await sql`delete from plans where slug = ${`e2e-plan-${t}`}`));
  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme/catalog/products");
  await page.getByRole("navigation", { name: "Catalog" }).getByRole("link", { name: "Plans" }).click();
  await expect(page.getByRole("table", { name: /Plans/ })).toContainText("Starter");
  await expectAccessible(page);
  const newPlan = page.getByRole("region", { name: "Create a plan" });
  await newPlan.getByLabel("Name", { exact: true }).fill(`E2E Plan ${t}`);
  await newPlan.getByLabel("Slug", { exact: true }).fill(`e2e-plan-${t}`);
  await newPlan.getByLabel("Visibility", { exact: true }).selectOption("private");
  await newPlan.getByRole("button", { name: "Create plan" }).click();
  await expect(newPlan.getByText("a plan needs at least one item")).toBeVisible();
  await newPlan.getByLabel("Acme CRM Starter — Starter mensal").check();
  await newPlan.getByRole("button", { name: "Create plan" }).click();
  await expect(page.getByTestId("form-status")).toContainText(`Plan “E2E Plan ${t}” created.`);
  await page.getByRole("link", { name: "Open the new plan" }).click();
  await expect(page.getByRole("table", { name: /Items/ })).toContainText("Starter mensal");
  await expect(page.getByText(`/checkout/e2e-plan-${t}`)).toBeVisible();
  await expectAccessible(page);
});

test("coupons and discount codes: create a coupon (12,5%), edit its limit; the demo's discount code", async ({ page }) => {
  const code = `E2E${tag().toUpperCase()}`;
  cleanups.push(async () => void (await sql`delete from coupons where code = ${code}`));
  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme/catalog/coupons");
  await expect(page.getByRole("table", { name: /Coupons/ })).toContainText("BEMVINDO10");
  await expectAccessible(page);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByLabel("Percent off (%)").fill("12,5");
  await page.getByRole("button", { name: "Create coupon" }).click();
  await expect(page.getByTestId("form-status")).toContainText(`Coupon ${code} created.`);
  // Opened as a fresh page load: the form is filled once the page is in its final state.
  await page.goto((await page.getByRole("link", { name: "Open the new coupon" }).getAttribute("href"))!);
  await expect(page.getByText("12,5% off")).toBeVisible();
  await page.getByLabel("Total redemptions allowed").fill("50");
  await page.getByRole("button", { name: "Save coupon" }).click();
  await expect(page.getByTestId("form-status")).toContainText("saved");
  await expect(page.getByText("0 times of 50")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("navigation", { name: "Catalog" }).getByRole("link", { name: "Discount codes" }).click();
  await expect(page.getByRole("table", { name: /Discount codes/ })).toContainText("20% off, for 3 months");
  await expectAccessible(page);
  await page.getByRole("link", { name: "BLACKFRIDAY" }).click();
  await expect(page.getByRole("heading", { name: /BLACKFRIDAY/ })).toBeVisible();
  await expectAccessible(page);
});

test("plan change rules; support reads only; other organizations' ids are 404", async ({ page, browser }) => {
  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme/catalog/products");
  await page.getByRole("navigation", { name: "Catalog" }).getByRole("link", { name: "Plan change rules" }).click();
  await expect(page.getByRole("table", { name: /Plan change rules/ })).toContainText("Starter → Pro");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Starter → Pro" }).click();
  await expect(page.getByLabel("Change type")).toHaveValue("upgrade");
  await expectAccessible(page);

  // Test mode: the sandbox's own catalog (seeded like the live one, other ids).
  await page.goto("/admin/acme-test/catalog/products");
  await expect(page.getByRole("table", { name: /Products.*test mode/ })).toContainText("Acme CRM Pro");
  await expectAccessible(page);

  // Another organization's ids (the sandbox is another organization, Globex another tenant): 404.
  const [product] = await sql<{ id: string }[]>`select p.id from products p join organizations o on o.id = p.organization_id where o.slug = 'acme' and p.slug = 'pro'`;
  const [plan] = await sql<{ id: string }[]>`select p.id from plans p join organizations o on o.id = p.organization_id where o.slug = 'acme' and p.slug = 'pro'`;
  for (const path of [`/admin/acme-test/catalog/products/${product!.id}`, `/admin/acme-test/catalog/plans/${plan!.id}`, "/admin/acme/catalog/products/not-a-uuid"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  expect((await page.goto(`/admin/acme/catalog/products/${product!.id}`))?.status()).toBe(200);
  const globex = await browser.newContext();
  const globexPage = await globex.newPage();
  await signInStaff(globexPage, "owner@globex.example");
  expect((await globexPage.goto(`/admin/globex/catalog/products/${product!.id}`))?.status()).toBe(404);
  await globex.close();

  // Support: the catalog without forms.
  const support = await browser.newContext();
  const supportPage = await support.newPage();
  await signInStaff(supportPage, "support@acme.example");
  await supportPage.goto(`/admin/acme/catalog/products/${product!.id}`);
  await expect(supportPage.getByRole("table", { name: "Prices" })).toContainText("Pro mensal");
  await expect(supportPage.getByText("Your role can view the catalog but not change it.")).toBeVisible();
  await expect(supportPage.getByRole("button", { name: /Deactivate|Archive|Add price/ })).toHaveCount(0);
  await expectAccessible(supportPage);
  expect((await supportPage.goto(`/admin/acme/catalog/products/${product!.id}/edit`))?.status()).toBe(404);
  await support.close();
});
