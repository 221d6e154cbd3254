// The admin's Invoices, Payments and Subscriptions screens, as the demo owner: the lists'
// search and filters live in the URL; an invoice made on the "New invoice" page gets a line, is finalized, paid
// (sandbox simulation) and its PIX payment partly refunded on the pages, with the PDF served;
// a subscription is created on the page, set to cancel at period end, then canceled now.
// Another organization's invoice is a 404. axe-core on every list and detail page.
import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { demoKey } from "@/db/seed";
import { signInStaff } from "./support/admin";
import { expectAccessible } from "./support/axe";
import { e2eDatabaseUrl } from "./support/database";

const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
test.afterAll(async () => sql.end());
const cleanups: Array<() => Promise<void>> = [];
test.afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const tag = () => Math.random().toString(36).slice(2, 8);
const accountId = async (slug: string, externalId: string) =>
  (await sql<{ id: string }[]>`select ba.id from billing_accounts ba join organizations o on o.id = ba.organization_id where o.slug = ${slug} and ba.external_id = ${externalId}`)[0]!.id;
const heading = (page: Page) => page.getByRole("heading", { level: 1 });

test("invoices and payments: search, finalize, simulate the payment, PDF, refund; another organization's invoice is a 404", async ({ page, request }) => {
  test.setTimeout(120_000);
  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Invoices" }).click();
  await expect(page).toHaveURL(/\/admin\/acme\/invoices$/);
  await expect(page.getByRole("table", { name: /Invoices/ })).toBeVisible();
  await expectAccessible(page);

  // Search and filters in the URL.
  await page.getByLabel("Search", { exact: true }).fill("padaria");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]q=padaria/);
  await expect(page.getByTestId("invoice-row")).toHaveCount(1);
  await expect(page.getByTestId("invoice-row")).toContainText("Padaria Pão Quente");
  await page.getByLabel("Status").selectOption("void");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/status=void/);
  await expect(page.getByText("No invoice matches these filters.")).toBeVisible();
  await page.goto("/admin/acme/invoices?from=yesterday");
  await expect(page.getByTestId("field-error")).toHaveText(/must be a date/);

  // A draft made on the "New invoice" page (sandbox), a line added, then finalized on its page.
  const line = `Consultoria E2E ${tag()}`;
  await page.goto("/admin/acme-test/invoices");
  await page.getByRole("link", { name: "New invoice" }).click();
  await expect(heading(page)).toHaveText("New invoice");
  await expectAccessible(page);
  await page.getByLabel("Line 1: description").fill(line);
  await page.getByLabel("Unit price (BRL)").fill("cento e cinquenta");
  await page.getByRole("button", { name: "Create invoice" }).click();
  await expect(page.getByTestId("form-status")).toHaveText(/correct the fields/);
  await expect(page.getByTestId("field-error")).toHaveText(["choose a customer", "must be an amount such as 150,00"]);
  await page.getByLabel("Customer", { exact: true }).selectOption({ label: "Nova Tech (contas@novatech.example)" });
  await expect(page.getByLabel("Line 1: description")).toHaveValue(line);
  await page.getByLabel("Quantity", { exact: true }).fill("2");
  await page.getByLabel("Unit price (BRL)").fill("150,00");
  await page.getByRole("button", { name: "Create invoice" }).click();
  await expect(page).toHaveURL(/\/admin\/acme-test\/invoices\/[0-9a-f-]{36}$/);
  const invoiceId = page.url().split("/").pop()!;
  await expect(heading(page)).toContainText("Draft invoice");
  await expect(page.getByTestId("invoice-line")).toContainText(line);
  await page.getByLabel("Line 1: description").fill("Hora extra");
  await page.getByLabel("Unit price (BRL)").fill("50");
  await page.getByRole("button", { name: "Add to the draft" }).click();
  await expect(page.getByTestId("invoice-line")).toHaveCount(2);
  await expect(page.getByTestId("invoice-totals")).toContainText("R$ 350,00");
  await expectAccessible(page);
  await page.goto("/admin/acme-test/invoices?q=nova+tech&status=draft");
  await page.getByTestId("invoice-row").filter({ hasText: "R$ 350,00" }).getByRole("link", { name: "Draft" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/acme-test/invoices/${invoiceId}$`));

  await page.getByRole("button", { name: "Finalize invoice…" }).click();
  await page.getByRole("button", { name: "Yes, finalize" }).click();
  await expect(page.getByTestId("form-status")).toHaveText(/Invoice finalized/);
  await expect(heading(page)).toContainText(/-\d{6}/);
  await expect(heading(page)).toContainText("Open");

  const pdf = await page.request.get(`/admin/acme-test/invoices/${invoiceId}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");

  await page.getByRole("button", { name: "Simulate customer payment…" }).click();
  await page.getByRole("button", { name: "Simulate the payment" }).click();
  await expect(page.getByTestId("form-status")).toHaveText(/Simulated/);
  await expect(heading(page)).toContainText("Paid");
  const paymentRow = page.getByTestId("payment-row").filter({ hasText: "PIX" });
  await expect(paymentRow).toContainText("Succeeded");

  // Once the nota fiscal is issued, its number is recorded on the invoice.
  const nfe = page.locator('form[aria-labelledby="nfe-heading"]');
  await nfe.getByLabel("NF-e number").fill("2026/000777");
  await nfe.getByLabel("Status").selectOption({ label: "Issued" });
  await nfe.getByRole("button", { name: "Save NF-e" }).click();
  await expect(nfe.getByTestId("form-status")).toHaveText("NF-e saved.");
  await expect(page.getByText("2026/000777 · issued")).toBeVisible();

  // The payment and a partial refund.
  await paymentRow.getByRole("link").click();
  await expect(page).toHaveURL(/\/admin\/acme-test\/payments\/[0-9a-f-]{36}$/);
  await expect(heading(page)).toContainText("Succeeded");
  await expectAccessible(page);
  const amount = page.getByLabel("Amount (BRL)");
  await amount.fill("cem reais");
  await page.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(page.getByTestId("field-error")).toHaveText(/must be an amount/);
  await expect(page.getByLabel("Amount (BRL)")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Amount (BRL)").fill("400,00");
  await page.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(page.getByTestId("field-error")).toHaveText(/at most R\$\s350,00/);
  await page.getByLabel("Amount (BRL)").fill("100,00");
  await page.getByLabel("Reason (optional)").fill("Desconto combinado");
  await page.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(page.getByTestId("form-status")).toHaveText(/Refunded R\$\s100,00 to the payment method/);
  await expect(page.getByTestId("refund-row")).toContainText("Desconto combinado");
  await expect(page.getByTestId("refund-row")).toContainText("R$ 100,00");

  await page.goto("/admin/acme-test/payments?method=pix&status=succeeded");
  await expect(page.getByTestId("payment-row").first()).toBeVisible();
  await expectAccessible(page);

  // Another organization's invoice: 404 on the page and on the PDF.
  const theirs = await request.post("/api/v1/invoices", {
    headers: bearer(demoKey("globex", "live")),
    data: { billing_account_id: await accountId("globex", "cus_hank"), lines: [{ description: "Globex only", unit_amount_cents: 100 }] },
  });
  const theirId = (await theirs.json()).id as string;
  cleanups.push(async () => void (await request.delete(`/api/v1/invoices/${theirId}`, { headers: bearer(demoKey("globex", "live")) })));
  expect((await page.goto(`/admin/acme/invoices/${theirId}`))?.status()).toBe(404);
  expect((await page.request.get(`/admin/acme/invoices/${theirId}/pdf`)).status()).toBe(404);
});

test("subscriptions: filter by plan, create one, change its plan with a preview, cancel at period end, then now", async ({ page }) => {
  test.setTimeout(120_000);
  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme/subscriptions");
  await expect(page.getByRole("table", { name: /Subscriptions/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Plan", { exact: true }).selectOption({ label: "Pro" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/plan=[0-9a-f-]{36}/);
  await expect(page.getByTestId("subscription-row")).toHaveCount(1);
  await expect(page.getByTestId("subscription-row")).toContainText("Padaria Pão Quente");

  await page.goto("/admin/acme-test/subscriptions");
  await page.getByRole("link", { name: "New subscription" }).click();
  await expect(heading(page)).toHaveText("New subscription");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Create subscription" }).click();
  await expect(page.getByTestId("form-status")).toHaveText(/correct the fields/);
  await expect(page.getByTestId("field-error")).toHaveCount(2);
  await page.getByLabel("Customer", { exact: true }).selectOption({ label: "Nova Tech (contas@novatech.example)" });
  await page.getByLabel("Plan", { exact: true }).selectOption({ label: "Starter" });
  await page.getByLabel("Billing cycle", { exact: true }).selectOption({ label: "Yearly" });
  await page.getByRole("button", { name: "Create subscription" }).click();
  await expect(page.getByTestId("form-status")).toHaveText("Subscription created.");
  await page.getByRole("link", { name: "Open the new subscription" }).click();
  await expect(heading(page)).toContainText("Nova Tech · Starter");
  await expect(heading(page)).toContainText("Trialing");
  await expect(page.getByTestId("subscription-item").first()).toContainText("Starter");
  await expect(page.getByTestId("subscription-version")).toContainText("created");
  await expectAccessible(page);

  // Change plan: the preview from the subscription service (in a trial: now, nothing due), then applied.
  await page.getByLabel("New plan and billing cycle").selectOption({ label: "Pro (yearly)" });
  await page.getByRole("button", { name: "Preview the change" }).click();
  await expect(page).toHaveURL(/change=[0-9a-f-]{36}%3Ayear%3A1|change=[0-9a-f-]{36}:year:1/);
  const preview = page.getByTestId("plan-change-preview");
  await expect(preview).toContainText("effective now");
  await expect(page.getByTestId("plan-change-due-now")).toHaveText(/R\$\s?0,00/);
  await expectAccessible(page);
  await preview.getByRole("button", { name: "Apply the change now" }).click();
  await expect(page.getByTestId("plan-changed")).toHaveText("Plan changed: the new items apply from now.");
  await expect(heading(page)).toContainText("Nova Tech · Pro");
  await expect(page.getByTestId("subscription-item").first()).toContainText("Pro");

  await page.getByRole("button", { name: "Cancel subscription…" }).click();
  await page.getByLabel(/At the end of the current period/).check();
  await page.getByLabel("Reason (optional)").fill("Mudou de fornecedor");
  await page.getByRole("button", { name: "Cancel the subscription" }).click();
  await expect(page.getByTestId("form-status")).toHaveText(/end at the end of its current period/);
  await expect(page.getByText(/Cancels on/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Don't cancel" })).toBeVisible();

  await page.getByRole("button", { name: "Cancel subscription…" }).click();
  await page.getByLabel("Now", { exact: true }).check();
  await page.getByRole("button", { name: "Cancel the subscription" }).click();
  await expect(heading(page)).toContainText("Canceled");
  await expect(page.getByTestId("subscription-version").first()).toContainText("canceled");
});

test("a read-only role sees the records but no actions, and the create pages are 404", async ({ page }) => {
  await signInStaff(page, "developer@acme.example");
  await page.goto("/admin/acme/invoices?status=paid");
  await page.getByTestId("invoice-row").first().getByRole("link").first().click();
  await expect(heading(page)).toContainText("Paid");
  await expect(page.getByTestId("invoice-line").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Actions" })).toHaveCount(0);
  await page.getByTestId("payment-row").first().getByRole("link").click();
  await expect(heading(page)).toContainText("Succeeded");
  await expect(page.getByRole("button", { name: "Refund", exact: true })).toHaveCount(0);
  await page.goto("/admin/acme/subscriptions");
  await expect(page.getByRole("link", { name: "New subscription" })).toHaveCount(0);
  expect((await page.goto("/admin/acme/subscriptions/new"))?.status()).toBe(404);
  expect((await page.goto("/admin/acme/invoices/new"))?.status()).toBe(404);
});
