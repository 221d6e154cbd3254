// The portal's Account, Settings and Profile sections in a real browser, on Acme's sandbox
// portal (acme-test.localhost), for a billing account this spec creates (the seeded ones stay
// as they are): sign in through a deep link, correct the CNPJ (an invalid one is refused under
// its field), invite a finance user and accept the invite from the email outbox in a second
// browser, check that the finance user cannot invite (no form; the server action refuses a
// forged submission), change notification preferences, read the access log. axe-core on each page.
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import postgres from "postgres";
import { demoKey } from "@/db/seed";
import { e2eDatabaseUrl } from "./support/database";
import { expectAccessible } from "./support/axe";

const RETURN_ORIGIN = "https://app.example.test";
const acme = { Authorization: `Bearer ${demoKey("acme", "test")}` };

const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
test.afterAll(async () => sql.end());

async function api(request: APIRequestContext, method: "GET" | "POST" | "PATCH", url: string, data?: unknown) {
  const res = await request.fetch(url, { method, headers: acme, data });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

/** The link in the newest email of `template` sent to `to`. */
async function emailLink(template: string, to: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const rows = await sql<{ text: string }[]>`select text from email_outbox where template = ${template} and to_address = ${to} order by created_at desc limit 1`;
    const link = /https?:\/\/\S+?(?=\s|$)/.exec(rows[0]?.text ?? "")?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${template} email to ${to}`);
}

/** Submits a copy of a form's HTML natively (as a browser without JavaScript would) with another email. */
async function submitCopy(page: Page, html: string, email: string) {
  // The page is already loaded: wait for the submission's own navigation, then for its load.
  const navigated = page.waitForEvent("framenavigated", (frame) => frame === page.mainFrame());
  await page.evaluate(({ html, email }) => {
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const form = holder.querySelector("form")!;
    (form.querySelector('input[name="email"]') as HTMLInputElement).value = email;
    document.body.append(holder);
    form.submit();
  }, { html, email });
  await navigated;
  await page.waitForLoadState("load");
}

test.use({ locale: "en-US" });

test("account, users and roles, notification preferences and the access log", async ({ page, request, browser }) => {
  test.setTimeout(60_000); // two browsers, six pages, axe on each whole page
  const tag = randomBytes(4).toString("hex");
  const ownerEmail = `owner-${tag}@oficina.example`;
  const financeEmail = `finance-${tag}@oficina.example`;
  await api(request, "PATCH", "/api/v1/portal_settings", { allowed_return_origins: [RETURN_ORIGIN], features: { account: true, profile: true, settings: true } });
  const account = await api(request, "POST", "/api/v1/billing_accounts", {
    name: `Oficina ${tag}`, email: ownerEmail, document: "529.982.247-25",
    tax_address: { line1: "Rua Augusta", number: "1500", district: "Consolação", city: "São Paulo", state: "SP", postal_code: "01304-001" },
  });
  const { url } = await api(request, "POST", "/api/v1/portal/sessions", { billing_account_id: account.id, return_url: `${RETURN_ORIGIN}/billing` });
  await page.goto(url);
  const origin = new URL(url).origin;

  // Account: an invalid CNPJ is refused under its field; a valid one is saved and shown formatted.
  await page.goto(`${origin}/account`);
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  const taxId = page.getByLabel("CNPJ or CPF");
  await expect(taxId).toHaveValue("529.982.247-25");
  await expect(page.getByLabel("CEP (optional)")).toHaveValue("01304-001");
  await expectAccessible(page);
  await taxId.fill("11.222.333/0001-82");
  await page.getByRole("button", { name: "Save account details" }).click();
  await expect(page.getByTestId("error-document")).toHaveText("This is not a valid CPF or CNPJ: check the digits.");
  await expect(taxId).toHaveAttribute("aria-invalid", "true");
  await expect(taxId).toHaveValue("11.222.333/0001-82"); // what was typed stays
  await expectAccessible(page);
  expect((await api(request, "GET", `/api/v1/billing_accounts/${account.id}`)).document).toBe("52998224725");
  await taxId.fill("11444777000161");
  await page.getByRole("button", { name: "Save account details" }).click();
  await expect(page.getByText("Your account details were saved.")).toBeVisible();
  await expect(taxId).toHaveValue("11.444.777/0001-61");
  await expect(page.getByTestId("error-document")).toHaveCount(0);
  expect(await api(request, "GET", `/api/v1/billing_accounts/${account.id}`)).toMatchObject({ document: "11444777000161", document_type: "cnpj" });

  // Settings: invite a finance user.
  await page.goto(`${origin}/settings`);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expectAccessible(page);
  const invite = page.getByTestId("invite");
  await invite.getByLabel("Email address").fill(financeEmail);
  await invite.getByLabel("Role").selectOption("finance");
  await invite.getByRole("button", { name: "Send invite" }).click();
  await expect(invite.getByText(`An invite was sent to ${financeEmail}.`)).toBeVisible();
  const financeRow = page.getByTestId("member").filter({ hasText: financeEmail });
  await expect(financeRow.getByTestId("member-role")).toHaveText("Finance");
  await expect(financeRow.getByText("Invited")).toBeVisible();
  await expectAccessible(page);
  const inviteFormHtml = await page.getByTestId("invite-form").evaluate((form) => form.outerHTML);

  // The invite, accepted in another browser: a finance user sees no invite form...
  const link = await emailLink("invite", financeEmail);
  expect(link).toMatch(new RegExp(`^${origin}/auth/magic\\?token=`));
  const other = await browser.newContext({ locale: "en-US" });
  const finance = await other.newPage();
  await finance.goto(link);
  await finance.getByRole("button", { name: "Continue" }).click();
  await expect(finance).toHaveURL(`${origin}/`);
  await finance.goto(`${origin}/settings`);
  await expect(finance.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(finance.getByRole("button", { name: "Send invite" })).toHaveCount(0);
  await expect(finance.getByRole("button", { name: /Change role/ })).toHaveCount(0);
  await expect(finance.getByText("Your role can see the users of this account but not change them.")).toBeVisible();
  await expectAccessible(finance);
  // ...and the server refuses the owner's invite form submitted from the finance user's browser.
  const forged = `forged-${tag}@oficina.example`;
  await submitCopy(finance, inviteFormHtml, forged);
  await expect(finance.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  expect(await sql`select 1 from portal_users where email = ${forged}`).toHaveLength(0);
  await other.close();
  // The same forged submission from the owner's browser does invite: the refusal was the role's.
  const control = `control-${tag}@oficina.example`;
  await submitCopy(page, inviteFormHtml, control);
  await expect.poll(async () => (await sql`select role from portal_users where email = ${control}`).map((r) => r.role)).toEqual(["finance"]);

  // The finance user accepted: active now.
  await page.goto(`${origin}/settings`);
  await expect(page.getByTestId("member").filter({ hasText: financeEmail }).getByText("Active")).toBeVisible();

  // Notification preferences: saved, and still there after a reload.
  const prefs = page.getByTestId("notifications");
  await prefs.getByLabel("An invoice is issued").uncheck();
  await prefs.getByLabel("Usage reaches a threshold").check();
  await prefs.getByRole("button", { name: "Save preferences" }).click();
  await expect(prefs.getByText("Your email preferences were saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("notifications").getByLabel("An invoice is issued")).not.toBeChecked();
  await expect(page.getByTestId("notifications").getByLabel("Usage reaches a threshold")).toBeChecked();
  await expect(page.getByTestId("notifications").getByLabel("A payment fails")).toBeChecked();
  const [stored] = await sql<{ notification_prefs: Record<string, boolean> }[]>`select notification_prefs from portal_users where email = ${ownerEmail}`;
  expect(stored!.notification_prefs).toEqual({ invoice_issued: false, payment_failed: true, upcoming_renewal: true, usage_threshold: true });

  // Profile: the access log shows this sign-in from the app; this browser is marked among the sessions.
  await page.goto(`${origin}/profile`);
  await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
  const log = page.getByTestId("access-log");
  await expect(log.getByRole("heading", { name: "Access log" })).toBeVisible();
  await expect(log.locator('[data-event="deep_link_used"]').first()).toContainText("Opened from the app");
  await expect(page.getByTestId("session-current")).toContainText("This browser");
  await expect(page.getByTestId("current-email")).toHaveText(`You sign in as ${ownerEmail}.`);
  await expectAccessible(page);
});

test("an email change applies only from the link sent to the new address", async ({ page, request }) => {
  const tag = randomBytes(4).toString("hex");
  const before = `before-${tag}@oficina.example`;
  const after = `after-${tag}@oficina.example`;
  await api(request, "PATCH", "/api/v1/portal_settings", { allowed_return_origins: [RETURN_ORIGIN], features: { profile: true } });
  const account = await api(request, "POST", "/api/v1/billing_accounts", { name: `Oficina ${tag}`, email: before });
  const { url } = await api(request, "POST", "/api/v1/portal/sessions", { billing_account_id: account.id, return_url: `${RETURN_ORIGIN}/billing` });
  await page.goto(url);
  const origin = new URL(url).origin;

  await page.goto(`${origin}/profile`);
  const card = page.getByTestId("profile-email");
  await card.getByLabel("New email address").fill(after);
  await card.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(card.getByText(`If ${after} can be used, a confirmation link is on its way to it.`, { exact: false })).toBeVisible();
  await expect(card.getByTestId("current-email")).toHaveText(`You sign in as ${before}.`);

  const link = await emailLink("email_change", after);
  expect(link).toMatch(new RegExp(`^${origin}/profile/email/confirm\\?token=`));
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your new email address" })).toBeVisible();
  await expect(page.getByText(`Change the email address of your account from ${before} to ${after}?`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirm new email address" }).click();
  await expect(page.getByText(`Done: your email address is now ${after}.`)).toBeVisible();
  await expect.poll(async () => (await sql`select to_address from email_outbox where template = 'email_changed' and to_address = ${before}`).length).toBe(1);

  await page.goto(link); // once only
  await expect(page.getByTestId("confirm-email").getByRole("alert")).toHaveText("This link was already used.");
  await page.goto(`${origin}/profile`);
  await expect(page.getByTestId("current-email")).toHaveText(`You sign in as ${after}.`);
  await expect(page.getByTestId("access-log").locator('[data-event="email_changed"]')).toContainText("Email address changed");
});
