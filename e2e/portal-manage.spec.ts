// The portal's self-service sections as a customer uses them, signed in through a deep link
// (POST /api/v1/portal/sessions with Acme's sandbox key, flow subscription_update): change a
// quantity after seeing the proration preview, buy an add-on in three clicks, add a test card
// through the tokenizing form and make it the default, pause and resume, accept a proposal made
// through the API; axe-core on every page. Works on its own account (Nova Tech), so the
// other portal specs' data stays as seeded.
//
// The card test needs the tokenization endpoint on the portal host: proxy.ts must route
// /api/v1/* on tenant hosts to the API (reported to the lead).
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { demoKey } from "@/db/seed";
import { expectAccessible } from "./support/axe";

const RETURN_ORIGIN = "https://app.example.test";
const acme = { Authorization: `Bearer ${demoKey("acme", "test")}` };

async function api(request: APIRequestContext, method: "GET" | "POST" | "PATCH", path: string, data?: unknown) {
  const res = await request.fetch(path, { method, headers: acme, data });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

async function novaTech(request: APIRequestContext) {
  const accounts = (await api(request, "GET", "/api/v1/billing_accounts?limit=100")).data as Array<{ id: string; name: string }>;
  const account = accounts.find((a) => a.name === "Nova Tech")!;
  const plans = (await api(request, "GET", "/api/v1/plans?limit=100")).data as Array<{ id: string; slug: string }>;
  const plan = (slug: string) => plans.find((p) => p.slug === slug)!.id;
  return { account: account.id, pro: plan("pro"), starter: plan("starter") };
}

/** Signs the account's portal user in through a deep link; returns the portal's origin. */
async function signIn(page: Page, request: APIRequestContext, body: Record<string, unknown>) {
  await api(request, "PATCH", "/api/v1/portal_settings", {
    allowed_return_origins: [RETURN_ORIGIN],
    features: { subscriptions: true, payment_methods: true, products: true, usage: true, proposals: true },
  });
  const { url } = await api(request, "POST", "/api/v1/portal/sessions", { return_url: `${RETURN_ORIGIN}/billing`, ...body });
  await page.goto(url);
  return new URL(url).origin;
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Sections" });

test.use({ locale: "en-US" });

async function newSubscription(request: APIRequestContext, plan: "pro" | "starter" = "pro") {
  const ids = await novaTech(request);
  const sub = await api(request, "POST", "/api/v1/subscriptions", { billing_account_id: ids.account, plan_id: ids[plan], trial_days: 0 });
  return { ids, sub: sub as { id: string; items: Array<{ price_id: string }> } };
}

test("from a subscription_update deep link: a quantity change with its preview, then an add-on in three clicks", async ({ page, request }) => {
  const { ids, sub } = await newSubscription(request);
  const origin = await signIn(page, request, { billing_account_id: ids.account, flow: "subscription_update", subscription_id: sub.id });

  // The deep link lands on the change flow, open.
  await expect(page).toHaveURL(`${origin}/subscriptions/${sub.id}?action=change`);
  await expect(page.getByRole("heading", { level: 1, name: "Pro" })).toBeVisible();
  await page.getByLabel("Quantity of Acme CRM Pro").fill("2");
  await page.getByRole("button", { name: "Preview change" }).click();
  const preview = page.getByTestId("change-preview");
  await expect(preview.getByRole("heading", { name: "Review the change" })).toBeVisible();
  await expect(preview.getByTestId("amount-due-now")).toHaveText(/R\$\s?\d/);
  await expect(preview.getByTestId("amount-at-renewal")).toHaveText(/R\$\s?159[.,]80/);
  await expectAccessible(page);
  await preview.getByRole("button", { name: /^Confirm/ }).click();
  await expect(preview.getByText("Your subscription was changed.")).toBeVisible();
  await expect(page.getByTestId(`quantity-${sub.items[0]!.price_id}`)).toHaveText("2");
  expect((await api(request, "GET", `/api/v1/subscriptions/${sub.id}`)).items[0].quantity).toBe(2);

  // Products -> Add -> Confirm purchase.
  await page.goto(`${origin}/products?subscription=${sub.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Products" })).toBeVisible();
  const seats = page.getByTestId("addon-offer").filter({ hasText: "Usuário extra" });
  await expectAccessible(page);
  await seats.getByRole("button", { name: "Add (Usuário extra)" }).click();
  await expect(page.getByTestId("change-preview")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirm purchase" }).click();
  await expect(page.getByText("Usuário extra was added to your subscription.")).toBeVisible();
  await expect(seats.getByText("You have 1")).toBeVisible();
  const afterAddOn = await api(request, "GET", `/api/v1/subscriptions/${sub.id}`);
  expect(afterAddOn.items.map((i: { quantity: number }) => i.quantity)).toEqual([2, 1]);
});

test("pause and resume a subscription", async ({ page, request }) => {
  const { ids, sub } = await newSubscription(request);
  const origin = await signIn(page, request, { billing_account_id: ids.account });
  await page.goto(`${origin}/subscriptions/${sub.id}`);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Pause subscription" }).click();
  await expect(page.getByTestId("lifecycle-flash")).toHaveText("Your subscription is paused.");
  await expect(page.getByTestId("subscription").getByText("Paused", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Resume subscription" }).click();
  await expect(page.getByTestId("lifecycle-flash")).toHaveText("Your subscription is active again.");
  await expect(page.getByTestId("subscription").getByText("Active", { exact: true })).toBeVisible();
  expect((await api(request, "GET", `/api/v1/subscriptions/${sub.id}`)).status).toBe("active");
});

test("accept a proposal made through the API", async ({ page, request }) => {
  const ids = await novaTech(request);
  const validUntil = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const proposal = await api(request, "POST", "/api/v1/proposals", {
    billing_account_id: ids.account, plan_id: ids.starter, trial_days: 14, valid_until: validUntil, message: "Starter for your second team, 14 days free.",
  });
  const origin = await signIn(page, request, { billing_account_id: ids.account });
  await nav(page).getByRole("link", { name: "Proposals" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Proposals" })).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId("proposal").filter({ hasText: "Starter" }).first().getByRole("link", { name: /View proposal/ }).click();
  await expect(page).toHaveURL(`${origin}/proposals/${proposal.id}`);
  await expect(page.getByText("Starter for your second team, 14 days free.")).toBeVisible();
  await expect(page.getByText("14 days", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Accept proposal" }).click();
  await expect(page.getByTestId("proposal-outcome")).toContainText("Proposal accepted");
  const accepted = await api(request, "GET", `/api/v1/proposals/${proposal.id}`);
  expect(accepted.status).toBe("accepted");
  await page.getByTestId("proposal-outcome").getByRole("link", { name: "See the subscription" }).click();
  await expect(page).toHaveURL(`${origin}/subscriptions/${accepted.subscription_id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Starter" })).toBeVisible();
});

test("add PIX and a test card through the tokenizing form, and make the card the default", async ({ page, request }) => {
  const { ids } = await newSubscription(request);
  const posted: Array<{ url: string; body: string }> = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posted.push({ url: r.url(), body: r.postData() ?? "" });
  });
  await signIn(page, request, { billing_account_id: ids.account, flow: "payment_method_update" });
  await expect(page.getByRole("heading", { level: 1, name: "Payment methods" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Add PIX" }).click();
  await expect(page.getByTestId("payment-method").filter({ hasText: "PIX" }).getByText("Default")).toBeVisible();
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry month (MM)").fill("12");
  await page.getByLabel("Expiry year (YYYY)").fill(String(new Date().getUTCFullYear() + 3));
  await page.getByLabel("Security code (CVC)").fill("123");
  await page.getByLabel("Name on card").fill("Nova Tech");
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByText("Card added.")).toBeVisible();
  const card = page.getByTestId("payment-method").filter({ hasText: "Visa ending in 4242" });
  await expect(card).toBeVisible();
  await card.getByRole("button", { name: "Make default (Visa ending in 4242)" }).click();
  await expect(card.getByText("Default")).toBeVisible();
  await expect(page.getByTestId("payment-method").first()).toContainText("Visa ending in 4242");
  // The number went to the tokenization endpoint, and nowhere else.
  const withNumber = posted.filter((p) => p.body.replace(/\D/g, "").includes("4242424242424242"));
  expect(withNumber.map((p) => new URL(p.url).pathname)).toEqual(["/api/v1/gateway/sandbox/tokens"]);
  const methods = (await api(request, "GET", `/api/v1/billing_accounts/${ids.account}/payment_methods`)).data;
  expect(methods.find((m: { role: string }) => m.role === "default")).toMatchObject({ type: "card" });
  await expectAccessible(page);

  // The last method of an account with a running subscription cannot be removed: said inline.
  await page.getByRole("button", { name: "Remove (PIX)" }).click();
  await expect(page.getByTestId("payment-method").filter({ hasText: "PIX" })).toHaveCount(0);
  await card.getByRole("button", { name: "Remove (Visa ending in 4242)" }).click();
  await expect(card.getByRole("alert")).toContainText("only payment method");
});

test("usage shows a metered item's consumption, daily chart with its table, and projection", async ({ page, request }) => {
  const ids = await novaTech(request);
  const products = (await api(request, "GET", "/api/v1/products?limit=100")).data as Array<{ slug: string; id: string }>;
  const whatsapp = products.find((p) => p.slug === "whatsapp")!;
  const prices = (await api(request, "GET", `/api/v1/prices?product_id=${whatsapp.id}`)).data as Array<{ id: string }>;
  const proPrice = (await api(request, "GET", "/api/v1/prices?limit=100")).data.find((p: { name: string }) => p.name === "Pro mensal");
  const sub = await api(request, "POST", "/api/v1/subscriptions", { billing_account_id: ids.account, items: [{ price_id: proPrice.id }, { price_id: prices[0]!.id }] });
  const item = sub.items[1].id;
  await api(request, "POST", "/api/v1/usage_records", { subscription_item_id: item, quantity: 420, idempotency_key: `e2e-${item}` });
  const origin = await signIn(page, request, { billing_account_id: ids.account });
  await page.goto(`${origin}/usage?subscription=${sub.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  const usage = page.getByTestId("usage-item");
  await expect(usage.getByTestId("usage-quantity")).toHaveText("420");
  await expect(usage.getByTestId("usage-projected")).toHaveText(/\d/);
  await expect(usage.getByRole("img", { name: /Daily usage of Mensagens de WhatsApp/ })).toBeVisible();
  await usage.getByText("Show the daily numbers").click();
  await expect(usage.getByRole("table")).toBeVisible();
  await expectAccessible(page);
});
