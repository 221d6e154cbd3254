// The admin's Customers screens, as the demo owner: the list searched by CPF (digits or
// formatted); a new customer created with inline errors first; its details edited; a portal user
// invited (the invite email in the outbox, its link on the portal host) and forced to reset the
// password; a credit granted as typed money and voided; another organization's customer is a
// 404. axe-core on the list and every customer page.
import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { signInStaff } from "./support/admin";
import { expectAccessible } from "./support/axe";
import { e2eDatabaseUrl } from "./support/database";
import { emailLink } from "./support/outbox";

const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
test.afterAll(async () => sql.end());
// What a test adds to the shared demo data is removed after it (other specs count it).
const cleanups: Array<() => Promise<void>> = [];
test.afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

const tag = () => Math.random().toString(36).slice(2, 8);
const rows = (page: Page) => page.getByRole("table", { name: /customers/i }).getByTestId("customer-row");

/** Removes a customer made by the spec, with what hangs on it (credits, portal users and their emails). */
async function removeCustomer(id: string) {
  await sql`delete from email_outbox where to_address in (select email from portal_users where billing_account_id = ${id})`;
  await sql`delete from credits where billing_account_id = ${id}`;
  await sql`delete from portal_users where billing_account_id = ${id}`;
  await sql`delete from billing_accounts where id = ${id}`;
}

test("search the list by CPF, digits or formatted; filters live in the URL", async ({ page }) => {
  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Customers" }).click();
  await expect(page).toHaveURL(/\/admin\/acme\/customers$/);
  await expect(rows(page).filter({ hasText: "Padaria Pão Quente" })).toBeVisible();
  await expectAccessible(page);

  for (const q of ["52998224725", "529.982.247-25"]) {
    await page.getByLabel("Search", { exact: true }).fill(q);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(q).replace(/\./g, "\\.")}`));
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText("Maria Silva");
    await expect(rows(page).first()).toContainText("CPF 529.982.247-25");
  }
  // Test mode: the sandbox's own customers, same screens.
  await page.goto("/admin/acme-test/customers");
  await expect(page.getByTestId("admin-test-mode")).toBeVisible();
  await expect(page.getByRole("table", { name: /Customers/ })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/admin/acme/customers?q=nobody-matches-this");
  await expect(page.getByText("No customer matches these filters.")).toBeVisible();
  await page.goto("/admin/acme/customers?status=deleted");
  await expect(page.getByText("Status must be active or archived.")).toBeVisible();
});

test("a new customer: inline errors, then created, edited, a portal user invited and forced to reset, a credit granted and voided", async ({ page }) => {
  test.setTimeout(120_000); // one long journey through five pages on a shared, loaded machine
  const t = tag();
  const name = `E2E Cliente ${t}`;
  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme/customers");
  await page.getByRole("link", { name: "New customer" }).click();
  await expect(page.getByRole("heading", { name: "New customer" })).toBeVisible();
  await expectAccessible(page);

  // The API's schema, inline under each field (named by its API path), nothing created.
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Billing email").fill(`financeiro+${t}@cliente.example`);
  await page.getByLabel("CPF or CNPJ (optional)").fill("11.222.333/0001-82");
  await page.getByLabel("Street").fill("Rua Augusta");
  await page.getByLabel("City").fill("São Paulo");
  await page.getByLabel("State (UF)").fill("SP");
  await page.getByLabel("Postal code (CEP)").fill("123");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByTestId("form-status")).toContainText("correct the fields marked below");
  await expect(page.getByLabel("CPF or CNPJ (optional)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("not a valid CPF or CNPJ (check digits do not match)")).toBeVisible();
  await expect(page.getByText("must be a CEP with 8 digits")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("CPF or CNPJ (optional)").fill("11.222.333/0001-81");
  await page.getByLabel("Postal code (CEP)").fill("01304-001");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page).toHaveURL(/\/admin\/acme\/customers\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop()!;
  cleanups.push(() => removeCustomer(id));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("CNPJ 11.222.333/0001-81")).toBeVisible();
  await expect(page.getByRole("table", { name: /Invoices/ })).toContainText("No invoices.");
  await expectAccessible(page);

  // Details: edit and save.
  const tabs = page.getByRole("navigation", { name: "Customer", exact: true });
  await tabs.getByRole("link", { name: "Details" }).click();
  await expect(page.getByLabel("Postal code (CEP)")).toHaveValue("01304001");
  await page.getByLabel("Phone (optional)").fill("+55 11 3333-4444");
  await page.getByRole("button", { name: "Save customer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Customer saved." })).toBeVisible();
  await expect(page.getByLabel("Phone (optional)")).toHaveValue("+55 11 3333-4444");
  await expectAccessible(page);

  // Portal users: invite (the email is queued with its link), then force a password reset.
  await tabs.getByRole("link", { name: "Portal users" }).click();
  await expect(page.getByText("No portal users yet: invite one below.")).toBeVisible();
  await expectAccessible(page);
  const email = `joana-${t}@cliente.example`;
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role").selectOption("finance");
  await page.getByRole("button", { name: "Invite user" }).click();
  await expect(page.getByText(`Invite sent to ${email}.`)).toBeVisible();
  const row = page.getByTestId("portal-user-row").filter({ hasText: email });
  await expect(row).toContainText("invited");
  await expect(row).toContainText("finance");
  const link = await emailLink(sql, { slug: "acme", template: "invite", to: email });
  expect(link).toMatch(/^https?:\/\/acme\.[^/]+\/auth\/magic\?token=/);

  await row.getByRole("button", { name: "Force password reset…" }).click();
  await row.getByRole("button", { name: "Yes, force a reset" }).click();
  await expect(row.getByText(`${email} must choose a new password at next sign-in`)).toBeVisible();
  await expect(row).toContainText("Must reset password");
  await expectAccessible(page);

  // Credits: grant as typed money, then void it.
  await tabs.getByRole("link", { name: "Credits" }).click();
  await expect(page.getByTestId("credit-balance")).toHaveText(/R\$\s0,00/);
  await page.getByLabel("Amount").fill("abc");
  await page.getByRole("button", { name: "Grant credit" }).click();
  await expect(page.getByText("must be an amount such as 150,00 or 150.00")).toBeVisible();
  await page.getByLabel("Amount").fill("1.234,50");
  await page.getByLabel("Description (optional)").fill("Boas-vindas");
  await page.getByRole("button", { name: "Grant credit" }).click();
  await expect(page.getByText(/Credit of R\$\s1\.234,50 granted\./)).toBeVisible();
  await expect(page.getByTestId("credit-balance")).toHaveText(/R\$\s1\.234,50/);
  await expectAccessible(page);
  const credit = page.getByTestId("credit-row").filter({ hasText: "Boas-vindas" });
  await credit.getByRole("button", { name: "Void…" }).click();
  await credit.getByRole("button", { name: "Yes, void it" }).click();
  await expect(page.getByTestId("credit-balance")).toHaveText(/R\$\s0,00/);
  await page.getByRole("navigation", { name: "Credits by status" }).getByRole("link", { name: /voided/i }).click();
  await expect(page.getByTestId("credit-row").filter({ hasText: "Boas-vindas" })).toContainText("voided");

  // The account is in the list, searchable by its name.
  await page.goto(`/admin/acme/customers?q=${encodeURIComponent(name)}`);
  await expect(rows(page)).toHaveCount(1);

  // Deleting a customer with history (a portal user, a credit) archives it.
  await rows(page).getByRole("link", { name }).click();
  await tabs.getByRole("link", { name: "Details" }).click();
  await page.getByRole("button", { name: "Delete customer…" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByText("This customer is archived: it stays readable, but its details can no longer change.")).toBeVisible();
  await expect(page.getByText(/^Archived /)).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toBeDisabled();
  await page.goto("/admin/acme/customers?status=archived");
  await expect(rows(page).filter({ hasText: name })).toBeVisible();
});

test("another organization's customer is a 404; a support member sees customers but not the write forms", async ({ page }) => {
  const [hank] = await sql<{ id: string }[]>`select ba.id from billing_accounts ba join organizations o on o.id = ba.organization_id where o.slug = 'globex' and ba.external_id = 'cus_hank'`;
  await signInStaff(page, "owner@acme.example");
  for (const path of ["", "/details", "/portal-users", "/credits"]) {
    const res = await page.goto(`/admin/acme/customers/${hank!.id}${path}`);
    expect(res?.status(), path).toBe(404);
  }
  expect((await page.goto("/admin/acme/customers/not-a-uuid"))?.status()).toBe(404);

  await page.context().clearCookies();
  await signInStaff(page, "support@acme.example");
  await page.goto("/admin/acme/customers");
  await expect(rows(page).filter({ hasText: "Padaria Pão Quente" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New customer" })).toHaveCount(0);
  await rows(page).filter({ hasText: "Padaria Pão Quente" }).getByRole("link").click();
  // The overview shows the customer's payment methods (the demo bakery pays by card).
  await expect(page.getByRole("heading", { name: "Payment methods" })).toBeVisible();
  await expect(page.getByTestId("payment-method").filter({ hasText: /Visa ending in 4242, expires \d{2}\/\d{4}/ })).toContainText("Default");
  await page.getByRole("navigation", { name: "Customer", exact: true }).getByRole("link", { name: "Portal users" }).click();
  await expect(page.getByRole("heading", { name: "Invite a portal user" })).toBeVisible();
  await page.getByRole("navigation", { name: "Customer", exact: true }).getByRole("link", { name: "Credits" }).click();
  await expect(page.getByRole("heading", { name: "Available balance" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Grant credit" })).toHaveCount(0);
  expect((await page.goto("/admin/acme/customers/new"))?.status()).toBe(404);
});
