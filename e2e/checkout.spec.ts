// The hosted checkout on Acme's sandbox portal: buy a plan top level with a test card and land
// signed in on the Overview; buy inside an <iframe> on a merchant test page (a node:http server
// here, its origin allowed through PATCH /api/v1/portal_settings) and receive the postMessage;
// a page from an origin that is not allowed cannot frame it; axe-core on the checkout page.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from "@playwright/test";
import { demoKey } from "@/db/seed";
import { checkoutSnippet } from "@/lib/checkout/snippet";
import { expectAccessible } from "./support/axe";

const port = Number(process.env.E2E_PORT ?? 3310);
const PORTAL = `http://acme-test.localhost:${port}`;
const acme = { Authorization: `Bearer ${demoKey("acme", "test")}` };
const PLAN = `checkout-${Date.now().toString(36)}`;

async function api(request: APIRequestContext, method: "GET" | "POST" | "PATCH", path: string, data?: unknown) {
  const res = await request.fetch(path, { method, headers: acme, data });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

let merchant: http.Server;
let merchantPort = 0;

test.use({ locale: "en-US" });

test.beforeAll(async ({ request }) => {
  // A plan with no trial, so the card is charged at once: R$ 49.90 a month.
  const product = await api(request, "POST", "/api/v1/products", {
    name: "Acme Checkout", slug: PLAN, product_type: "base", prices: [{ name: "Mensal", unit_amount_subcents: 499_000, recurring_interval: "month" }],
  });
  await api(request, "POST", "/api/v1/plans", {
    name: "Acme Checkout", slug: PLAN, trial_days: 0, billing_cycles: [{ interval: "month", interval_count: 1 }], items: [{ price_id: product.prices[0].id }],
  });
  // The merchant's site: the documented snippet, plus a listener that records what arrives.
  merchant = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Merchant site</title></head><body>
<h1>Merchant site</h1>
${checkoutSnippet({ origin: PORTAL, planSlug: PLAN, title: "Acme checkout" })}
<script>window.__messages = []; window.addEventListener("message", function (e) { window.__messages.push({ origin: e.origin, data: e.data }); });</script>
</body></html>`);
  });
  await new Promise<void>((resolve) => merchant.listen(0, "127.0.0.1", resolve));
  merchantPort = (merchant.address() as AddressInfo).port;
  await api(request, "PATCH", "/api/v1/portal_settings", { allowed_return_origins: ["https://app.example.test", `http://127.0.0.1:${merchantPort}`] });
});

test.afterAll(async () => {
  await new Promise((resolve) => merchant?.close(resolve));
});

type Scope = Page | FrameLocator;

async function fillCustomer(scope: Scope, email: string, document = "11.222.333/0001-81") {
  await scope.getByLabel("Full name or company name", { exact: true }).fill("Mercearia Boa Compra Ltda"); // not a seeded name: other specs find the seeded accounts by name
  await scope.getByLabel("Email", { exact: true }).fill(email);
  await scope.getByLabel("CPF or CNPJ", { exact: true }).fill(document);
  await scope.getByLabel("CEP", { exact: true }).fill("01304-001");
  await scope.getByLabel("Street", { exact: true }).fill("Rua Augusta");
  await scope.getByLabel("Number", { exact: true }).fill("1500");
  await scope.getByLabel("District", { exact: true }).fill("Consolação");
  await scope.getByLabel("City", { exact: true }).fill("São Paulo");
  await scope.getByLabel("State (UF)", { exact: true }).fill("SP");
}

async function fillCard(scope: Scope) {
  await scope.getByLabel("Card number").fill("4242 4242 4242 4242");
  await scope.getByLabel("Expiry month (MM)").fill("12");
  await scope.getByLabel("Expiry year (YYYY)").fill(String(new Date().getUTCFullYear() + 3));
  await scope.getByLabel("Security code (CVC)").fill("123");
}

test("top level: a test card, an inline field error fixed, then signed in on the Overview", async ({ page, request }) => {
  await page.goto(`${PORTAL}/checkout/${PLAN}`);
  await expect(page.getByRole("heading", { level: 1, name: "Subscribe to Acme Checkout" })).toBeVisible();
  await expect(page.getByTestId("test-mode-banner")).toBeVisible();
  await expect(page.getByTestId("due-today")).toHaveText(/R\$\s?49[.,]90/);
  await expectAccessible(page);

  const email = `checkout-${Date.now()}@paoquente.com.br`;
  await fillCustomer(page, email, "111.444.777-00");
  await fillCard(page);
  await page.getByRole("button", { name: /^Pay R\$\s?49[.,]90$/ }).click();
  const documentField = page.getByLabel("CPF or CNPJ", { exact: true });
  await expect(documentField).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("not a valid CPF or CNPJ (check digits do not match)")).toBeVisible();
  await expectAccessible(page);

  await documentField.fill("111.444.777-35");
  await page.getByRole("button", { name: /^Pay R\$\s?49[.,]90$/ }).click();
  const success = page.getByTestId("checkout-success");
  await expect(success.getByRole("heading", { name: "You're subscribed!" })).toBeVisible();
  await expect(success.getByText(/We charged R\$\s?49[.,]90 to your card/)).toBeVisible();
  await expectAccessible(page);

  await success.getByRole("link", { name: "Go to your account overview" }).click();
  await expect(page).toHaveURL(`${PORTAL}/`);
  await expect(page.getByTestId("plan-name").filter({ hasText: "Acme Checkout" })).toBeVisible();
  const accounts = (await api(request, "GET", `/api/v1/billing_accounts?email=${encodeURIComponent(email)}`)).data;
  expect(accounts).toHaveLength(1);
  expect(accounts[0].document).toBe("11144477735");
});

test("inside an iframe on an allowed merchant page: PIX, and the page receives the success message", async ({ page, request }) => {
  const checkout = await request.fetch(`http://127.0.0.1:${port}/checkout/${PLAN}?embed=1`, { headers: { host: `acme-test.localhost:${port}` } });
  expect(checkout.headers()["content-security-policy"]).toBe(`frame-ancestors https://app.example.test http://127.0.0.1:${merchantPort}`);
  expect(checkout.headers()["x-frame-options"]).toBeUndefined();

  await page.goto(`http://127.0.0.1:${merchantPort}/`);
  const frame = page.frameLocator("iframe[title='Acme checkout']");
  await expect(frame.getByRole("heading", { level: 1, name: "Subscribe to Acme Checkout" })).toBeVisible();
  const email = `embedded-${Date.now()}@paoquente.com.br`;
  await fillCustomer(frame, email);
  await frame.getByLabel("PIX", { exact: true }).check();
  await frame.getByRole("button", { name: "Subscribe and get the PIX code" }).click();
  const success = frame.getByTestId("checkout-success");
  await expect(success.getByRole("heading", { name: "You're subscribed!" })).toBeVisible();
  await expect(success.getByLabel("PIX copy-and-paste code")).toHaveValue(/^000201/);
  await expect(success.getByRole("link", { name: "Open your account" })).toHaveAttribute("href", new RegExp(`^${PORTAL}/s/[A-Za-z0-9_-]+$`));

  await expect.poll(() => page.evaluate(() => (window as unknown as { __messages: unknown[] }).__messages.length)).toBe(1);
  const [message] = await page.evaluate(() => (window as unknown as { __messages: Array<{ origin: string; data: Record<string, string> }> }).__messages);
  expect(message!.origin).toBe(PORTAL);
  expect(message!.data).toEqual({ type: "ciclo.checkout.completed", subscription_id: expect.any(String), billing_account_id: expect.any(String), portal_url: `${PORTAL}/` });
  const subscription = await api(request, "GET", `/api/v1/subscriptions/${message!.data.subscription_id}`);
  expect(subscription.billing_account_id).toBe(message!.data.billing_account_id);
  const account = await api(request, "GET", `/api/v1/billing_accounts/${message!.data.billing_account_id}`);
  expect(account.email).toBe(email);
});

test("a page from an origin that is not allowed cannot frame the checkout", async ({ page }) => {
  const other = `http://other.localhost:${merchantPort}`;
  await page.goto(`${other}/`);
  // The frame is blocked by frame-ancestors: Chromium shows its error page, not the checkout.
  await expect.poll(() => page.frames().length).toBe(2);
  const child = page.frames().find((f) => f !== page.mainFrame())!;
  await expect.poll(() => child.url()).toMatch(/^chrome-error:/);
  await expect(page.frameLocator("iframe").getByRole("heading", { name: "Subscribe to Acme Checkout" })).toHaveCount(0);
  // Nothing was posted either.
  expect(await page.evaluate(() => (window as unknown as { __messages: unknown[] }).__messages.length)).toBe(0);
});
