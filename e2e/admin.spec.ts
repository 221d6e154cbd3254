// Merchant staff sign in (password, or a link by email) and see their organizations.
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { e2eDatabaseUrl } from "./support/database";
import { staffEmailLink } from "./support/admin";
import { expectAccessible } from "./support/axe";

const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
test.afterAll(async () => sql.end());

test("a wrong password is refused inline; the demo owner signs in, sees Acme and signs out", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: /sign in to the admin/i }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await expectAccessible(page);

  await page.getByLabel("Email", { exact: true }).fill("owner@acme.example");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("owner@acme.example");

  await page.getByLabel("Password").fill("ciclo-demo-2026");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Your organizations" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Acme" })).toBeVisible();
  await expect(page.getByText("Sandbox (test mode)")).toBeVisible();
  await expect(page.getByText("Billing accounts: 3").first()).toBeVisible();
  // Only the organizations this person belongs to.
  await expect(page.getByRole("heading", { name: "Globex" })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
});

test("a link by email signs the owner in once; any address gets the same answer", async ({ page }) => {
  const asked = new Date(Date.now() - 1000);
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email for the link").fill("owner@acme.example");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in\/check-email/);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expectAccessible(page);

  const link = await staffEmailLink(sql, "staff_magic_link", "owner@acme.example", asked);
  expect(new URL(link).pathname).toBe("/api/auth/callback/email");
  await page.goto(link);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Your organizations" })).toBeVisible();
  await expect(page.getByText("Signed in as owner@acme.example")).toBeVisible();

  // The link was used up: in another browser it only brings an explanation.
  const other = await page.context().browser()!.newContext();
  const stranger = await other.newPage();
  await stranger.goto(link);
  await expect(stranger).toHaveURL(/\/admin\/sign-in\?error=Verification/);
  await expect(stranger.getByRole("alert").filter({ hasText: "invalid, was already used or has expired" })).toBeVisible();

  // An unknown address: the same page, and no email.
  await stranger.getByLabel("Email for the link").fill("nobody@acme.example");
  await stranger.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(stranger.getByRole("heading", { name: "Check your email" })).toBeVisible();
  expect((await sql`select 1 from email_outbox where to_address = 'nobody@acme.example'`).length).toBe(0);
  await other.close();
});
