// Merchant staff sign in from the landing page and see their organizations.
import { expect, test } from "@playwright/test";

test("a wrong password is refused inline; the demo owner signs in, sees Acme and signs out", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: /sign in to the admin/i }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in$/);

  await page.getByLabel("Email").fill("owner@acme.example");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("owner@acme.example");

  await page.getByLabel("Password").fill("ciclo-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Your organizations" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Acme" })).toBeVisible();
  await expect(page.getByText("Sandbox (test mode)")).toBeVisible();
  await expect(page.getByText("Billing accounts: 3").first()).toBeVisible();
  // Only the organizations this person belongs to.
  await expect(page.getByRole("heading", { name: "Globex" })).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
});
