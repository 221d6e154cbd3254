// The admin's Proposals screens in a real browser: a proposal made on the "New proposal" page
// (a refusal first, under its field), created and sent; the email read from the outbox; its
// link opened by the customer, who signs in to the portal and accepts; the admin then shows it
// accepted with its subscription. axe-core on the list, the form and the detail page; the live
// organization's proposal is a 404 from its sandbox.
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { demoKey } from "@/db/seed";
import { signInStaff } from "./support/admin";
import { expectAccessible } from "./support/axe";
import { e2eDatabaseUrl } from "./support/database";
import { emailLink } from "./support/outbox";

const CUSTOMER = "financeiro@paoquente.com.br";
const PASSWORD = "ciclo-demo-2026";
const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
test.afterAll(async () => sql.end());
test.use({ locale: "en-US" });

test("create and send a proposal; the customer opens the emailed link, signs in and accepts; the admin sees it accepted", async ({ page, request }) => {
  // The portal's Proposals section on (it is by default; the spec does not depend on that).
  const settings = await request.fetch("/api/v1/portal_settings", { method: "PATCH", headers: { Authorization: `Bearer ${demoKey("acme", "live")}` }, data: { features: { proposals: true } } });
  expect(settings.status()).toBe(200);

  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme/proposals");
  await expect(page.getByRole("heading", { level: 1, name: "Proposals" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "New proposal" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New proposal" })).toBeVisible();
  await expectAccessible(page);

  // Without a customer: refused under the field, nothing saved.
  await page.getByRole("button", { name: "Create and send" }).click();
  await expect(page.getByTestId("form-status")).toContainText("correct the fields marked below");
  await expect(page.getByLabel("Billing account")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("field-error")).toHaveText(["choose a customer"]);

  await page.getByLabel("Billing account").selectOption({ label: `Padaria Pão Quente — ${CUSTOMER}` });
  await page.getByLabel("Plan", { exact: true }).selectOption({ label: "Pro" });
  await page.getByLabel("Billing cycle").selectOption("month");
  await page.getByLabel(/^Add-on: Usuário extra/).fill("2");
  await page.getByLabel("Coupon code (optional)").fill("bemvindo10");
  await page.getByLabel("Message to the customer (optional)").fill("Plano Pro com 2 usuários extras e 10% de desconto.");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Create and send" }).click();

  await expect(page).toHaveURL(/\/admin\/acme\/proposals\/[0-9a-f-]{36}\?created=sent$/);
  const id = /proposals\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await expect(page.getByRole("status").filter({ hasText: "Proposal created and sent to the customer." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Proposal for Padaria Pão Quente" })).toBeVisible();
  await expect(page.getByTestId("proposal-status")).toHaveText("Open");
  await expect(page.getByTestId("proposal-line")).toHaveCount(2);
  await expect(page.getByTestId("proposal-total")).toHaveText(/R\$\s?119,70/);
  await expect(page.getByTestId("proposal-history")).toContainText(`Sent to ${CUSTOMER}`);
  await expect(page.getByTestId("proposal-email")).toHaveCount(1);
  await expectAccessible(page);

  // Send again from the page: a second email.
  await page.getByRole("button", { name: "Send again" }).click();
  await expect(page.getByText(`Proposal sent to ${CUSTOMER}.`)).toBeVisible();
  await expect(page.getByTestId("proposal-email")).toHaveCount(2);

  // The list finds it by the customer's name, with its status.
  await page.goto("/admin/acme/proposals?q=p%C3%A3o+quente&status=open");
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("pão quente");
  await expect(page.getByTestId("proposal-row").filter({ hasText: "Padaria Pão Quente" }).first()).toContainText("Open");

  // The customer: the emailed link, the portal's sign-in, then the proposal itself.
  const link = await emailLink(sql, { slug: "acme", template: "proposal", to: CUSTOMER });
  expect(link).toMatch(new RegExp(`^http://acme\\.localhost:\\d+/proposals/${id}$`));
  await page.goto(link);
  const signIn = page.getByRole("form", { name: "Sign in", exact: true });
  await signIn.getByLabel("Email", { exact: true }).fill(CUSTOMER);
  await signIn.getByLabel("Password").fill(PASSWORD);
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(link);
  await expect(page.getByText("Plano Pro com 2 usuários extras e 10% de desconto.")).toBeVisible();
  await page.getByRole("button", { name: "Accept proposal" }).click();
  await expect(page.getByTestId("proposal-outcome")).toContainText("Proposal accepted");

  // Back in the admin: accepted, with its subscription.
  await page.goto(`/admin/acme/proposals/${id}`);
  await expect(page.getByTestId("proposal-status")).toHaveText("Accepted");
  await expect(page.getByRole("link", { name: "see the subscription" })).toHaveAttribute("href", /\/admin\/acme\/subscriptions\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("proposal-history")).toContainText("Accepted by the customer");
  await expect(page.getByRole("button", { name: "Send again" })).toHaveCount(0);

  // The same id from the sandbox (another organization): not found; the sandbox's own list is empty of it.
  expect((await page.goto(`/admin/acme-test/proposals/${id}`))?.status()).toBe(404);
  await page.goto("/admin/acme-test/proposals");
  await expect(page.getByText("No proposals yet.")).toBeVisible();
  await expectAccessible(page);
});
