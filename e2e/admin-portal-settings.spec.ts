// Portal settings in the admin change the customer portal at once: branding (an uploaded logo,
// the primary colour, checked and previewed before saving) and a section switched off. Works
// on Acme's sandbox (test mode), reached through the live/test switch.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PNG } from "pngjs";
import { demoKey } from "@/db/seed";
import { signInStaff } from "./support/admin";
import { expectAccessible } from "./support/axe";

const PORT = Number(process.env.E2E_PORT ?? 3310);
const SANDBOX_PORTAL = `http://acme-test.localhost:${PORT}`;
const sandboxKey = { Authorization: `Bearer ${demoKey("acme", "test")}` };

/** A 60×30 PNG in one colour. */
function logoPng(): Buffer {
  const image = new PNG({ width: 60, height: 30 });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([0x16, 0xa3, 0x4a, 0xff], i);
  return PNG.sync.write(image);
}

const background = (page: Page, testId: string) => page.getByTestId(testId).evaluate((el) => getComputedStyle(el).backgroundColor);

async function restore(request: APIRequestContext, body: Record<string, unknown>) {
  const res = await request.patch("/api/v1/portal_settings", { headers: sandboxKey, data: body });
  expect(res.status(), await res.text()).toBe(200);
}

test("branding: upload a logo, pick a colour (contrast checked, previewed), save, and the portal wears it", async ({ page, request, browser }) => {
  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme/portal/branding");
  await expect(page.getByRole("heading", { name: "Portal settings" })).toBeVisible();
  await expect(page.getByRole("note")).toHaveCount(0);
  await expectAccessible(page);

  // Live -> test mode keeps the page, and says so.
  await page.getByRole("navigation", { name: "Mode" }).getByRole("link", { name: "Test mode" }).click();
  await expect(page).toHaveURL(/\/admin\/acme-test\/portal\/branding$/);
  await expect(page.getByTestId("admin-test-mode")).toContainText("Test mode");

  try {
    const primary = page.getByLabel("Primary colour", { exact: true });
    await primary.fill("#ffff00");
    await expect(page.getByTestId("branding.primary_color-contrast")).toContainText("fails WCAG AA");
    await expect(page.getByText("must contrast at least 4.5:1 with white")).toBeVisible();
    await primary.fill("#9d174d");
    await expect(page.getByTestId("branding.primary_color-contrast")).toContainText("passes WCAG AA");
    await expect.poll(() => background(page, "preview-brand-bar")).toBe("rgb(157, 23, 77)");
    await expect.poll(() => background(page, "preview-button")).toBe("rgb(157, 23, 77)");

    await page.getByLabel("Portal name").fill("Acme Sandbox Billing");
    await page.getByLabel("Logo", { exact: true }).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: logoPng() });
    await expect(page.getByTestId("logo-preview")).toBeVisible();
    await page.getByRole("button", { name: "Save branding" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await expect(page.getByTestId("logo-preview")).toHaveAttribute("src", /^\/admin\/acme-test\/assets\/branding\/logo-[0-9a-f]{16}\.png$/);
    await expectAccessible(page);

    // The customer portal (its sign-in page): the new logo, name and colour.
    const visitor = await browser.newContext();
    const portal = await visitor.newPage();
    await portal.goto(`${SANDBOX_PORTAL}/sign-in`);
    const logo = portal.getByRole("img", { name: "Acme Sandbox Billing" });
    await expect(logo).toHaveAttribute("src", /^\/assets\/branding\/logo-[0-9a-f]{16}\.png$/);
    expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(60);
    const submit = portal.locator("form button[type=submit]").first();
    expect(await submit.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(157, 23, 77)");
    const src = (await logo.getAttribute("src"))!;
    await visitor.close();

    // The image is served on the portal's host only, with its headers.
    const on = (host: string) => request.get(`http://127.0.0.1:${PORT}${src}`, { headers: { Host: `${host}:${PORT}` } });
    const served = await on("acme-test.localhost");
    expect(served.status()).toBe(200);
    expect(served.headers()).toMatchObject({ "content-type": "image/png", "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff" });
    expect((await on("acme.localhost")).status()).toBe(404);
    expect((await on("globex-test.localhost")).status()).toBe(404);
  } finally {
    await restore(request, { branding: { name: null, logo: null, primary_color: "#4f46e5" } });
  }
});

test("sections: one switched off leaves the portal's navigation and its address answers 404", async ({ page, request, browser }) => {
  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme-test/portal/sections");
  await expectAccessible(page);

  // A customer of the sandbox, signed in by a deep link.
  const accounts = await (await request.get("/api/v1/billing_accounts?limit=100", { headers: sandboxKey })).json();
  const bakery = (accounts.data as Array<{ id: string; name: string }>).find((a) => a.name === "Padaria Pão Quente")!;
  await restore(request, { allowed_return_origins: ["https://app.example.test"] });
  const session = await (await request.post("/api/v1/portal/sessions", { headers: sandboxKey, data: { billing_account_id: bakery.id, return_url: "https://app.example.test/billing" } })).json();
  const customer = await browser.newContext();
  const portal = await customer.newPage();
  await portal.goto(session.url);
  const nav = portal.getByRole("navigation", { name: "Sections" });
  await expect(nav.getByRole("link", { name: "Usage" })).toBeVisible();

  try {
    await page.getByLabel("Usage", { exact: true }).uncheck();
    await page.getByRole("button", { name: "Save sections" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await expect(page.getByLabel("Usage", { exact: true })).not.toBeChecked();

    await portal.reload();
    await expect(nav.getByRole("link", { name: "Usage" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Invoices" })).toBeVisible();
    expect((await portal.goto(`${SANDBOX_PORTAL}/usage`))?.status()).toBe(404);

    // A fresh form: the first save's "Saved." must not stand for the second one.
    await page.reload();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toHaveCount(0);
    await page.getByLabel("Usage", { exact: true }).check();
    await page.getByRole("button", { name: "Save sections" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    expect((await portal.goto(`${SANDBOX_PORTAL}/usage`))?.status()).toBe(200);
  } finally {
    await restore(request, { features: { usage: true } });
    await customer.close();
  }
});

test("every settings page and the overview pass axe, in live and test mode", async ({ page }) => {
  test.setTimeout(120_000);
  await signInStaff(page, "owner@acme.example");
  for (const slug of ["acme", "acme-test"]) {
    for (const path of ["", "/portal/branding", "/portal/sections", "/portal/sign-in", "/portal/sso", "/portal/general", "/members"]) {
      await page.goto(`/admin/${slug}${path}`);
      await expect(page.getByRole("main")).toBeVisible();
      await expect(page.getByTestId("admin-test-mode")).toHaveCount(slug === "acme-test" ? 1 : 0);
      await expectAccessible(page);
    }
  }
});
