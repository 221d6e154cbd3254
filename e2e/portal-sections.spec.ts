// The customer portal's shell and billing sections, as a customer sees them: signed in through
// a deep link (POST /api/v1/portal/sessions with Acme's sandbox key), walking Overview ->
// Invoices -> invoice -> PDF -> Payments -> Credits; a section the merchant turns off; two
// merchants' brands side by side; paying from a deep link; and axe-core on every page.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { demoKey } from "@/db/seed";
import { expectAccessible } from "./support/axe";

const RETURN_ORIGIN = "https://app.example.test";
const headersOf = (slug: string) => ({ Authorization: `Bearer ${demoKey(slug, "test")}` });
const acme = headersOf("acme");

async function accountId(request: APIRequestContext, slug: string, name: string): Promise<string> {
  const res = await request.get("/api/v1/billing_accounts?limit=100", { headers: headersOf(slug) });
  const account = ((await res.json()).data as Array<{ id: string; name: string }>).find((a) => a.name === name);
  expect(account, `${slug} has ${name}`).toBeTruthy();
  return account!.id;
}

async function settings(request: APIRequestContext, slug: string, body: Record<string, unknown>) {
  const res = await request.patch("/api/v1/portal_settings", { headers: headersOf(slug), data: body });
  expect(res.status(), await res.text()).toBe(200);
}

/** A deep link for the account's portal user, opened in `page`: the customer is signed in. */
async function signIn(page: Page, request: APIRequestContext, slug: string, account: string, extra: Record<string, unknown> = {}) {
  await settings(request, slug, { allowed_return_origins: [RETURN_ORIGIN] });
  const res = await request.post("/api/v1/portal/sessions", {
    headers: headersOf(slug),
    data: { billing_account_id: account, return_url: `${RETURN_ORIGIN}/billing`, ...extra },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { url } = await res.json();
  await page.goto(url);
  return new URL(url).origin;
}

const current = (page: Page) => page.getByRole("navigation", { name: "Sections" }).locator('[aria-current="page"]');

test.use({ locale: "en-US" });

test("a customer walks Overview, Invoices, an invoice and its PDF, Payments and Credits", async ({ page, request }) => {
  const bakery = await accountId(request, "acme", "Padaria Pão Quente");
  await request.post(`/api/v1/billing_accounts/${bakery}/credits`, {
    headers: acme, data: { credit_type: "promotional", amount_cents: 2_500, expires_at: "2099-01-31T00:00:00Z", description: "Welcome credit" },
  });
  const origin = await signIn(page, request, "acme", bakery);

  // Overview
  await expect(page).toHaveURL(`${origin}/`);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByRole("note", { name: "Test mode" })).toBeVisible();
  await expect(page.getByTestId("plan-name")).toHaveText("Pro");
  await expect(page.getByTestId("next-charge-amount")).toHaveText(/R\$\s?\d/);
  await expect(page.getByTestId("default-method")).toContainText("Visa ending in 4242");
  await expect(page.getByTestId("back-to-app")).toHaveAttribute("href", `${RETURN_ORIGIN}/billing`);
  await expect(current(page)).toHaveText("Overview");
  await expectAccessible(page);

  // Invoices
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Invoices" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invoices" })).toBeVisible();
  await expect(current(page)).toHaveText("Invoices");
  const paidRow = page.getByTestId("invoice-table").getByRole("row").filter({ hasText: "Paid" }).first();
  await expect(paidRow).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Status").selectOption("open");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\/invoices\?status=open$/);
  await expect(page.getByRole("heading", { level: 1, name: "Invoices" })).toBeVisible();
  await expect(page.getByTestId("invoice-table").getByText("Paid", { exact: true })).toHaveCount(0);
  await page.getByLabel("Status").selectOption("paid");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\/invoices\?status=paid$/);

  // An invoice: the subscription's first one, paid by card when the demo was seeded
  const first = ((await (await request.get(`/api/v1/invoices?billing_account_id=${bakery}&status=paid&limit=100`, { headers: acme })).json()).data as Array<{ number: string; billing_reason: string }>)
    .find((i) => i.billing_reason === "subscription_create")!;
  await page.getByTestId("invoice-table").getByRole("link", { name: first.number, exact: true }).click();
  await expect(page.getByTestId("invoice-status")).toHaveText("Paid");
  await expect(page.getByRole("cell", { name: /Acme CRM Pro/ })).toBeVisible();
  await expect(page.getByTestId("nfe")).toBeVisible();
  await expect(page.getByTestId("payment-table").getByTestId("receipt-number")).not.toHaveText("—");
  await expect(current(page)).toHaveText("Invoices");
  await expectAccessible(page);

  // Its PDF, with the session's cookie (fetched by the page itself, on the portal host)
  const pdfHref = await page.getByRole("link", { name: "Download PDF" }).getAttribute("href");
  expect(pdfHref).toMatch(/^\/invoices\/[0-9a-f-]{36}\/pdf$/);
  const pdf = await page.evaluate(async (href) => {
    const res = await fetch(href);
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get("content-type"), magic: String.fromCharCode(...bytes.slice(0, 5)) };
  }, pdfHref!);
  expect(pdf).toEqual({ status: 200, type: "application/pdf", magic: "%PDF-" });
  // Another account's invoice (Maria's) is not there for this customer.
  const maria = await accountId(request, "acme", "Maria Silva");
  const mariaInvoice = (await (await request.get(`/api/v1/invoices?billing_account_id=${maria}`, { headers: acme })).json()).data[0].id as string;
  expect((await page.goto(`${origin}/invoices/${mariaInvoice}`))?.status()).toBe(404);
  expect(await page.evaluate(async (href) => (await fetch(href)).status, `/invoices/${mariaInvoice}/pdf`)).toBe(404);

  // Payments
  await page.goto(`${origin}/payments`);
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  await expect(page.getByTestId("payment-succeeded").filter({ hasText: "Visa ending in 4242" }).first()).toBeVisible();
  await expect(page.getByTestId("retries")).toContainText("No retries scheduled.");
  await expect(current(page)).toHaveText("Payments");
  await expectAccessible(page);

  // Credits
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Credits" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Credits" })).toBeVisible();
  await expect(page.getByTestId("balance-BRL")).toHaveText(/R\$\s?25\.00/);
  await expect(page.getByTestId("credit-balance")).toContainText("January 31, 2099");
  await expect(page.getByTestId("credits-received")).toContainText("Welcome credit");
  await expectAccessible(page);

  // The language switcher stores the user's choice: the page comes back in Portuguese.
  await page.getByLabel("Language").selectOption("pt-BR");
  await expect(page.getByRole("heading", { level: 1, name: "Créditos" })).toBeVisible();
  await expect(page.getByTestId("balance-BRL")).toHaveText(/R\$\s?25,00/);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Créditos" })).toBeVisible();
  await page.getByLabel("Idioma").selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: "Credits" })).toBeVisible();
});

test("a section the merchant turns off vanishes from the navigation and its pages are 404", async ({ page, request }) => {
  const bakery = await accountId(request, "acme", "Padaria Pão Quente");
  const origin = await signIn(page, request, "acme", bakery);
  const nav = page.getByRole("navigation", { name: "Sections" });
  await expect(nav.getByRole("link", { name: "Credits" })).toBeVisible();
  await settings(request, "acme", { features: { credits: false } });
  try {
    // Portal settings are cached for a few seconds per server process: wait for the change.
    await expect(async () => {
      await page.reload();
      await expect(nav.getByRole("link", { name: "Credits" })).toHaveCount(0, { timeout: 500 });
    }).toPass({ timeout: 15_000 });
    await expect(nav.getByRole("link", { name: "Invoices" })).toBeVisible();
    const res = await page.goto(`${origin}/credits`);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  } finally {
    await settings(request, "acme", { features: { credits: true } });
  }
  await expect(async () => expect((await page.goto(`${origin}/credits`))?.status()).toBe(200)).toPass({ timeout: 15_000 });
});

test("two merchants' portals side by side wear their own brand", async ({ browser, request }) => {
  const brands = {
    acme: { name: "Acme Billing", primary_color: "#9d174d" },
    globex: { name: "Globex Customer Care", primary_color: "#1d4ed8" },
  } as const;
  const accounts = { acme: await accountId(request, "acme", "Padaria Pão Quente"), globex: await accountId(request, "globex", "Hank Scorpio") };
  try {
    const seen: Record<string, { name: string; brand: string; expected: string }> = {};
    for (const slug of ["acme", "globex"] as const) {
      await settings(request, slug, { branding: brands[slug] });
      const context = await browser.newContext({ locale: "en-US" });
      const page = await context.newPage();
      await signIn(page, request, slug, accounts[slug]);
      await expect(async () => {
        await page.reload(); // settings are cached for a few seconds per server process
        await expect(page.getByTestId("portal-name")).toHaveText(brands[slug].name, { timeout: 500 });
      }).toPass({ timeout: 15_000 });
      await expect(page).toHaveTitle(new RegExp(brands[slug].name));
      const { brand, expected } = await page.evaluate((color) => {
        // The colour set, computed the way the browser computes the brand bar's (whatever its colour space).
        const probe = document.createElement("div");
        probe.style.backgroundColor = color;
        document.body.append(probe);
        const expected = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return { brand: getComputedStyle(document.querySelector('[data-testid="brand-bar"]')!).backgroundColor, expected };
      }, brands[slug].primary_color);
      seen[slug] = { name: (await page.getByTestId("portal-name").textContent())!, brand, expected };
      await expect(page.getByRole("navigation", { name: "Sections" }).locator('[aria-current="page"]')).toHaveCSS("background-color", expected);
      await context.close();
    }
    expect(seen.acme!.brand).toBe(seen.acme!.expected);
    expect(seen.globex!.brand).toBe(seen.globex!.expected);
    expect(seen.acme!.brand).not.toBe(seen.globex!.brand);
    expect(seen.acme!.name).not.toBe(seen.globex!.name);
  } finally {
    await settings(request, "acme", { branding: { name: null, primary_color: "#4f46e5" } });
    await settings(request, "globex", { branding: { name: null, primary_color: "#4f46e5" } });
  }
});

test("a deep link to pay an invoice opens its pay panel, and the customer pays it", async ({ page, request }) => {
  const maria = await accountId(request, "acme", "Maria Silva");
  const created = await request.post("/api/v1/invoices", {
    headers: acme, data: { billing_account_id: maria, collection_method: "send_invoice", lines: [{ description: "Treinamento", quantity: 1, unit_amount_cents: 15_000 }], finalize: true },
  });
  expect(created.status()).toBe(201);
  const invoice = await created.json();
  await signIn(page, request, "acme", maria, { flow: "invoice_pay", invoice_id: invoice.id });
  await expect(page).toHaveURL(new RegExp(`/invoices/${invoice.id}\\?action=pay$`));
  await expect(page.getByRole("heading", { name: "Pay this invoice" })).toBeFocused();
  await expect(page.getByTestId("invoice-status")).toHaveText("Open");
  await expectAccessible(page);
  const payWithPix = page.getByRole("button", { name: "Pay with PIX" });
  if (await payWithPix.count()) await payWithPix.click(); // else a PIX is already waiting
  await expect(page.getByRole("img", { name: "PIX QR code" })).toBeVisible();
  await page.getByRole("button", { name: "Simulate payment" }).click();
  await expect(page.getByTestId("invoice-status")).toHaveText("Paid");
  expect((await (await request.get(`/api/v1/invoices/${invoice.id}`, { headers: acme })).json()).status).toBe("paid");
});

test("on a phone the navigation folds behind a Menu button, and the pages stay accessible", async ({ browser, request }) => {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const origin = await signIn(page, request, "acme", await accountId(request, "acme", "Padaria Pão Quente"));
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Payments" })).toBeHidden();
  await menu.click();
  await expect(page.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Payments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectAccessible(page);
  for (const path of ["/", "/invoices", "/credits"]) {
    await page.goto(`${origin}${path}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page);
  }
  await context.close();
});
