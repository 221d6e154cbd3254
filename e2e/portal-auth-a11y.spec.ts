// axe-core (WCAG 2.1 A/AA rules, serious or critical violations fail) on the portal's signed-out
// pages, each in the states a person meets: the sign-in page with every method on (sign-in link,
// password, "Sign in with <IdP>") and with a notice and a field error; "check your email"; a
// sign-in link opened in another browser and a bad one; password reset asked and sent; choosing
// the new password from the emailed link (and a mismatch); a bad reset link; the 404 pages of a
// portal (an unknown path, an unknown portal host, a missing invoice when signed in). Also the
// sandbox banner's landmark and the user menu's accessible name on a desktop and a phone. The 2FA
// challenge and enrollment pages are checked in portal-2fa.spec.ts. Sign-in pages on Globex's
// live portal with users this spec creates; signed-in pages on Acme's sandbox portal.
import { randomBytes, randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import postgres from "postgres";
import { demoKey } from "@/db/seed";
import { e2eDatabaseUrl } from "./support/database";
import { emailLink } from "./support/outbox";
import { expectAccessible } from "./support/axe";

const port = Number(process.env.E2E_PORT ?? 3310);
const portal = `http://globex.localhost:${port}`;
const api = `http://127.0.0.1:${port}/api/v1`;
const headers = { Authorization: `Bearer ${demoKey("globex", "live")}`, Host: `localhost:${port}` };

const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
test.afterAll(async () => sql.end());

test.use({ locale: "en-US" });

async function newPortalUser(request: APIRequestContext): Promise<string> {
  const email = `a11y-${randomBytes(4).toString("hex")}@cliente.example`;
  const account = await (await request.post(`${api}/billing_accounts`, { headers, data: { name: "Acessível Ltda", email: "contas@acessivel.example" } })).json();
  expect(account.id, JSON.stringify(account)).toBeTruthy();
  expect((await request.post(`${api}/billing_accounts/${account.id}/portal_users`, { headers, data: { email, role: "owner" } })).status()).toBe(201);
  return email;
}

test("the sign-in pages pass axe in every state: all methods, notices, sent, confirm, reset", async ({ page, browser, request }) => {
  test.setTimeout(60_000);
  const email = await newPortalUser(request);
  // Every method on: sign-in link, password and OIDC (an IdP that is never reached here).
  const sso = await request.patch(`${api}/portal_settings/sso`, { headers, data: { oidc: { issuer: "https://login.globex.invalid", client_id: "ciclo", client_secret: "s3cret" } } });
  expect(sso.status(), await sso.text()).toBe(200);
  expect((await request.patch(`${api}/portal_settings`, { headers, data: { auth_methods: { magic_link: true, password: true, oidc: true } } })).status()).toBe(200);
  try {
    const idp = page.getByRole("link", { name: "Sign in with login.globex.invalid" });
    await expect(async () => {
      await page.goto(`${portal}/sign-in`); // settings are cached for a few seconds per server process
      await expect(idp).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByRole("form", { name: "Email me a sign-in link" })).toBeVisible();
    const passwordForm = page.getByRole("form", { name: "Sign in", exact: true });
    await expect(passwordForm.getByLabel("Password")).toBeVisible();
    await expect(page.getByRole("link", { name: "Forgot your password?" })).toBeVisible();
    await expectAccessible(page, { message: "sign-in, every method" });

    await passwordForm.getByLabel("Email", { exact: true }).fill("not-an-email");
    await passwordForm.getByRole("button", { name: "Sign in" }).click();
    await expect(passwordForm.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page, { message: "sign-in, a field error" });

    await page.goto(`${portal}/sign-in?error=sso_failed`);
    await expect(page.getByRole("status")).toHaveText("Single sign-on did not work. Go back to where you came from and try again.");
    await expectAccessible(page, { message: "sign-in, a notice" });

    // A sign-in link: "check your email", then the link opened in another browser.
    await page.getByRole("form", { name: "Email me a sign-in link" }).getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expectAccessible(page, { message: "check your email" });
    const link = await emailLink(sql, { slug: "globex", template: "magic_link", to: email });
    const phone = await browser.newContext({ locale: "en-US" });
    const phonePage = await phone.newPage();
    await phonePage.goto(link);
    await expect(phonePage).toHaveURL(/\/auth\/magic\/confirm\?token=/);
    await expect(phonePage.getByText(`You are about to sign in as ${email}.`)).toBeVisible();
    await expectAccessible(phonePage, { message: "sign-in link opened in another browser" });
    await phonePage.goto(`${portal}/auth/magic/confirm?token=not-a-token`);
    await expect(phonePage.getByRole("main").getByRole("alert")).toContainText("That link is not valid");
    await expectAccessible(phonePage, { message: "a bad sign-in link" });
    await phone.close();

    // Password reset: asked, sent, the new password from the emailed link.
    await page.goto(`${portal}/sign-in`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
    await expectAccessible(page, { message: "forgot password" });
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toContainText("we have sent it a reset link");
    await expectAccessible(page, { message: "reset link sent" });
    await page.goto(await emailLink(sql, { slug: "globex", template: "password_reset", to: email }));
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await expectAccessible(page, { message: "choose a new password" });
    await page.getByLabel("New password", { exact: true }).fill("a long and memorable passphrase");
    await page.getByLabel("Confirm the new password").fill("a different passphrase entirely");
    await page.getByRole("button", { name: "Save password" }).click();
    await expect(page.getByText("The two passwords do not match.")).toBeVisible();
    await expectAccessible(page, { message: "choose a new password, a mismatch" });
    await page.goto(`${portal}/reset-password?token=not-a-token`);
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    await expectAccessible(page, { message: "a bad reset link" });
  } finally {
    await request.patch(`${api}/portal_settings`, { headers, data: { auth_methods: { oidc: false } } });
  }
});

test("a portal's 404 pages pass axe: unknown path, unknown portal, a missing invoice when signed in", async ({ page, request }) => {
  for (const url of [`${portal}/no-such-page`, `http://no-such-merchant.localhost:${port}/sign-in`]) {
    expect((await page.goto(url))?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page).toHaveTitle(/Page not found/);
    await expectAccessible(page, { message: url });
  }

  // Signed in on Acme's sandbox portal (its test-mode banner included).
  const acme = { Authorization: `Bearer ${demoKey("acme", "test")}` };
  await request.patch("/api/v1/portal_settings", { headers: acme, data: { allowed_return_origins: ["https://app.example.test"] } });
  const accounts = (await (await request.get("/api/v1/billing_accounts?limit=100", { headers: acme })).json()).data as Array<{ id: string; name: string }>;
  const res = await request.post("/api/v1/portal/sessions", {
    headers: acme, data: { billing_account_id: accounts.find((a) => a.name === "Padaria Pão Quente")!.id, return_url: "https://app.example.test/billing" },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { url } = await res.json();
  await page.goto(url);
  // The sandbox banner sits in a landmark of its own, like everything else on the page.
  await expect(page.getByRole("region", { name: "Test mode" }).getByRole("note", { name: "Test mode" })).toBeVisible();
  expect((await new AxeBuilder({ page }).withRules(["region"]).analyze()).violations).toEqual([]);
  const missing = `${new URL(url).origin}/invoices/${randomUUID()}`;
  expect((await page.goto(missing))?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expectAccessible(page, { message: missing });
});

test("the user menu is named after what it shows, on a desktop and on a phone", async ({ browser, request }) => {
  const acme = { Authorization: `Bearer ${demoKey("acme", "test")}` };
  await request.patch("/api/v1/portal_settings", { headers: acme, data: { allowed_return_origins: ["https://app.example.test"] } });
  const accounts = (await (await request.get("/api/v1/billing_accounts?limit=100", { headers: acme })).json()).data as Array<{ id: string; name: string }>;
  const account = accounts.find((a) => a.name === "Padaria Pão Quente")!.id;
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const context = await browser.newContext({ locale: "en-US", viewport });
    const page = await context.newPage();
    const res = await request.post("/api/v1/portal/sessions", { headers: acme, data: { billing_account_id: account, return_url: "https://app.example.test/billing" } });
    await page.goto((await res.json()).url);
    const menu = page.locator("summary");
    await expect(menu).toBeVisible();
    const email = (await page.getByTestId("user-email").textContent())!;
    const shown = (await page.getByTestId("user-name").count()) ? (await page.getByTestId("user-name").textContent())! : email;
    // The name holds the label a sighted person reads (the name or email, shown from 640 px up),
    // and says whose menu it is on a phone too, where only the initial shows.
    await expect(menu).toHaveAccessibleName(`Your account: ${shown}`);
    if (viewport.width >= 640) await expect(menu.getByText(shown, { exact: true }).filter({ visible: true })).toHaveCount(1);
    await context.close();
  }
});
