// The landing page, its link to the API reference, and host-based tenant portals.
import { expect, test } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3310);

test("the landing page names Ciclo and links to the OpenAPI document", async ({ page, context }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  // The brand is in the title and the header; the h1 is the tagline (it does not repeat the name).
  await expect(page).toHaveTitle(/ciclo/i);
  await expect(page.getByRole("banner").getByText("Ciclo", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  const link = page.getByTestId("api-docs-link");
  await expect(link).toBeVisible();
  expect(new URL((await link.getAttribute("href"))!, page.url()).pathname).toBe("/api/v1/openapi.json");

  // Follow it as a visitor would (in this tab or a new one) and read what the browser received.
  const documentResponse = context.waitForEvent("response", (r) => new URL(r.url()).pathname === "/api/v1/openapi.json");
  await link.click();
  const received = await documentResponse;
  expect(received.status()).toBe(200);
  expect(received.headers()["content-type"]).toContain("application/json");
  const doc = await received.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toContain("/billing_accounts");
});

test("a tenant host shows its portal: signed out, its branded sign-in page", async ({ page }) => {
  const response = await page.goto(`http://acme.localhost:${port}/`);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText("Acme").first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(/acme/i);
});

test("an unknown tenant host is a 404 page", async ({ page }) => {
  const response = await page.goto(`http://nope.localhost:${port}/`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: /not found/i }).first()).toBeVisible();
  await expect(page.getByText(/acme|globex/i)).toHaveCount(0);
});
