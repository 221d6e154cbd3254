// TOTP 2FA in a real browser: a portal user whose role requires 2FA signs in with a password, is
// sent to enroll (reads the setup key off the page, computes the code with Debian's oathtool),
// saves the recovery codes and enters the portal; then signs out and back in with a fresh code,
// and once more with a recovery code. The Profile block turns it on and off. On Globex's sandbox
// portal, with users of its own.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { demoKey } from "@/db/seed";
import { hashPassword } from "@/lib/portal-auth/password";
import { e2eDatabaseUrl } from "./support/database";
import { expectAccessible } from "./support/axe";

const port = Number(process.env.E2E_PORT ?? 3310);
const portal = `http://globex-test.localhost:${port}`;
const PASSWORD = "two-factor-e2e-passphrase";

const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
test.afterAll(async () => sql.end());

const headers = { Authorization: `Bearer ${demoKey("globex", "test")}`, Host: `localhost:${port}` };
const api = `http://127.0.0.1:${port}/api/v1`;
// The roles that require 2FA go back to none for the specs that follow.
test.afterEach(async ({ request }) => {
  await request.patch(`${api}/portal_settings`, { headers, data: { totp_required_roles: [] } });
});

/** What an authenticator app shows for `key` (as printed on the page) at `when`. */
function oathtool(key: string, when = new Date()): string {
  return execFileSync("oathtool", ["--totp", "-b", "--now", when.toISOString(), key.replace(/\s+/g, "")], { encoding: "utf8" }).trim();
}

// Signs in from a link to /invoices: the sign-in action's redirect then passes through the portal's
// gate, which sends the browser to /two-factor.
async function signInWithPassword(page: Page, email: string) {
  await page.goto(`${portal}/sign-in?next=%2Finvoices`);
  const form = page.getByRole("form", { name: "Sign in", exact: true });
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Password").fill(PASSWORD);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${portal}/two-factor`);
}

// The user menu's Sign out (a server action). A hand-made form POST to /sign-out would be refused
// here: the page came from /sign-in and /two-factor without a page load, and their
// `<meta name="referrer" content="no-referrer">` still holds, so the browser sends `Origin: null`.
async function signOut(page: Page) {
  await page.locator("summary", { hasText: "Your account" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=signed_out$/);
}

test("a role that requires 2FA enrolls at sign-in, then signs in with a fresh code and with a recovery code", async ({ page, context, request }) => {
  test.setTimeout(60_000);
  const email = `tfa-${randomBytes(4).toString("hex")}@cliente.example`;
  expect((await request.patch(`${api}/portal_settings`, { headers, data: { totp_required_roles: ["finance"] } })).status()).toBe(200);
  const account = await (await request.post(`${api}/billing_accounts`, { headers, data: { name: "Dois Fatores Ltda", email: "contas@doisfatores.example" } })).json();
  expect(account.id, JSON.stringify(account)).toBeTruthy();
  const user = await request.post(`${api}/billing_accounts/${account.id}/portal_users`, { headers, data: { email, name: "Fernanda", role: "finance" } });
  expect(user.status()).toBe(201);
  await sql`update portal_users set password_hash = ${await hashPassword(PASSWORD)} where email = ${email}`;

  // Password first; the role requires 2FA and the user has none: enrollment before anything else.
  await signInWithPassword(page, email);
  await expect(page.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
  await page.goto(`${portal}/invoices`);
  await expect(page).toHaveURL(`${portal}/two-factor`);
  await expect(page.getByRole("img", { name: /QR code that adds .+ to an authenticator app/ })).toBeVisible();
  const key = (await page.getByTestId("totp-setup-key").textContent())!.trim();
  expect(key).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  await expectAccessible(page, { fail: "all" });
  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("not valid");
  await page.getByLabel("Code from the app").fill(oathtool(key));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();

  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expectAccessible(page, { fail: "all" });
  const recovery = (await codes.first().textContent())!.trim();
  expect(recovery).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await expect(page.getByRole("link", { name: "Download" })).toHaveAttribute("download", "recovery-codes.txt");
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(`${portal}/`);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto(`${portal}/invoices`);
  await expect(page).toHaveURL(`${portal}/invoices`);

  // Back in with a fresh code: the enrollment's step is used up, so the app's next code (30 s ahead, within drift).
  await signOut(page);
  await signInWithPassword(page, email);
  await expect(page.getByRole("heading", { name: "Enter your authentication code" })).toBeVisible();
  await expectAccessible(page, { fail: "all" });
  await page.getByLabel("Authentication code").fill(oathtool(key, new Date(Date.now() - 30_000)));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText(/already used|not valid/);
  await page.getByLabel("Authentication code").fill(oathtool(key, new Date(Date.now() + 30_000)));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(`${portal}/`);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  expect((await context.cookies(portal)).find((c) => c.name === "__Host-ciclo_portal_session")).toBeDefined();

  // And with a recovery code, once.
  await signOut(page);
  await signInWithPassword(page, email);
  await page.getByLabel("Authentication code").fill(recovery);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(`${portal}/`);
  const events = await sql<{ event: string; method: string | null }[]>`
    select l.event, l.method from portal_access_log l join portal_users u on u.id = l.portal_user_id
    where u.email = ${email} and l.event like 'two_factor%' order by l.created_at`;
  expect(events.map((e) => `${e.event}:${e.method}`)).toEqual([
    "two_factor_failed:totp", "two_factor_enrolled:totp", "two_factor_failed:totp", "two_factor_succeeded:totp", "two_factor_succeeded:recovery_code",
  ]);
});

test("Profile: a user turns 2FA on, gets new recovery codes and turns it off again", async ({ page, request }) => {
  test.setTimeout(60_000);
  const email = `tfa-profile-${randomBytes(4).toString("hex")}@cliente.example`;
  const account = await (await request.post(`${api}/billing_accounts`, { headers, data: { name: "Perfil Ltda", email: "contas@perfil.example" } })).json();
  expect((await request.post(`${api}/billing_accounts/${account.id}/portal_users`, { headers, data: { email, role: "viewer" } })).status()).toBe(201);
  await sql`update portal_users set password_hash = ${await hashPassword(PASSWORD)} where email = ${email}`;

  await page.goto(`${portal}/sign-in?next=%2Fprofile`);
  const form = page.getByRole("form", { name: "Sign in", exact: true });
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Password").fill(PASSWORD);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${portal}/profile`);
  const block = page.getByTestId("two-factor-settings");
  await expect(block.getByText("Off", { exact: true })).toBeVisible();
  await block.getByRole("button", { name: "Set up" }).click();
  const key = (await block.getByTestId("totp-setup-key").textContent())!.trim();
  await block.getByLabel("Code from the app").fill(oathtool(key));
  await block.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  const codes = block.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const first = await codes.allTextContents();
  await block.getByRole("button", { name: "I saved them" }).click();
  await expect(block.getByText("On", { exact: true })).toBeVisible();
  await expect(block.getByText(/10 recovery codes left/)).toBeVisible();

  // New recovery codes for the app's next code (the enrollment used the current step).
  await block.getByLabel("Code from the app").fill(oathtool(key, new Date(Date.now() + 30_000)));
  await block.getByRole("button", { name: "Get new recovery codes" }).click();
  await expect(codes).toHaveCount(10);
  const second = await codes.allTextContents();
  expect(second.some((c) => first.includes(c))).toBe(false);
  await block.getByRole("button", { name: "I saved them" }).click();

  // Off with a recovery code; an old one no longer works.
  await block.getByLabel("Authentication code").fill(first[0]!);
  await block.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(block.getByRole("alert")).toContainText("not valid");
  await block.getByLabel("Authentication code").fill(second[0]!);
  await block.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(block.getByText("Two-factor authentication is off.")).toBeVisible();
  await expect(block.getByText("Off", { exact: true })).toBeVisible();
  const events = await sql<{ event: string; detail: string | null }[]>`
    select l.event, l.detail from portal_access_log l join portal_users u on u.id = l.portal_user_id
    where u.email = ${email} and l.event like 'two_factor%' order by l.created_at`;
  expect(events.map((e) => [e.event, e.detail])).toEqual([
    ["two_factor_enrolled", null], ["two_factor_enrolled", "recovery_codes_regenerated"], ["two_factor_failed", "disable:wrong_recovery_code"], ["two_factor_disabled", null],
  ]);
});
