// The admin's Domain screen and Embed checkout screen, as Acme's owner: add a host (refusals named
// under the field), read its DNS records, "Verify now" against real DNS (pebble-challtestsrv,
// started by e2e/server.ts), and watch the status move by itself through verified and issuing to
// active: the server orders the certificate from Pebble, which validates HTTP-01 on the server's
// own challenge route. Renewal, ARI and failures: tests/domains/acme-*.test.ts.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { demoKey } from "@/db/seed";
import { checkoutSnippet } from "@/lib/checkout/snippet";
import { signInStaff } from "./support/admin";
import { expectAccessible } from "./support/axe";
import { e2eDns } from "./support/dns";

const PORT = Number(process.env.E2E_PORT ?? 3310);
const liveKey = { Authorization: `Bearer ${demoKey("acme", "live")}` };

test("domain: add it, see the records, verify, and the status moves on by itself", async ({ page, request }) => {
  const dns = e2eDns();
  const host = `billing-${randomBytes(4).toString("hex")}.example.test`;
  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme/portal/domain");
  await expect(page.getByRole("heading", { name: "Custom domain" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Portal settings" }).getByRole("link", { name: "Custom domain" })).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);

  const field = page.getByLabel("Host name");
  const add = page.getByRole("button", { name: "Add domain" });
  await field.fill("203.0.113.7");
  await add.click();
  await expect(page.getByTestId("field-error")).toHaveText("must be a host name, not an IP address");
  await page.getByLabel("Host name").fill("billing.acme.localhost");
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(page.getByTestId("field-error")).toHaveText("must not be localhost or one of its subdomains: the platform serves those itself");

  await page.getByLabel("Host name").fill(host);
  await page.getByRole("button", { name: "Add domain" }).click();
  const card = page.getByRole("article", { name: host });
  try {
    await expect(card.getByTestId("domain-status")).toHaveText("Waiting for DNS");
    await expect(card.getByTestId("domain-status-text")).toContainText("Not checked yet.");
    const txt = card.getByTestId("dns-record-TXT");
    await expect(txt).toContainText(`_ciclo-challenge.${host}`);
    const token = (await txt.getByTestId("dns-record-value").textContent())!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await expect(card.getByTestId("dns-record-CNAME")).toContainText("localhost");
    await expect(card.getByRole("button", { name: "Copy TXT record value" })).toBeVisible();
    await expectAccessible(page);

    // No TXT record yet: the check says why.
    await card.getByRole("button", { name: "Verify now" }).click();
    await expect(card.getByRole("alert")).toContainText("Not verified yet:");
    await expect(card.getByTestId("domain-status-text")).toContainText("Last check (");
    await expect(card.getByTestId("domain-status")).toHaveText("Waiting for DNS");

    // The record is created; the check runs elsewhere (the API's verify, as a script would) and
    // the page, polling while the domain is on its way, shows the new status without a reload.
    await dns.setTxt(`_ciclo-challenge.${host}`, token);
    const list = await request.get(`http://127.0.0.1:${PORT}/api/v1/domains`, { headers: liveKey });
    const id = ((await list.json()) as { data: Array<{ id: string; hostname: string }> }).data.find((d) => d.hostname === host)!.id;
    const verified = await request.post(`http://127.0.0.1:${PORT}/api/v1/domains/${id}/verify`, { headers: liveKey });
    expect(verified.status()).toBe(200);
    // Verified, then the certificate order (a job on the server, against Pebble): the page keeps
    // polling while the domain is on its way and settles on Active, with the certificate's dates.
    await expect(card.getByTestId("domain-status")).toHaveText(/^(Verified|Issuing a certificate|Active)$/, { timeout: 15_000 });
    await expect(card.getByRole("button", { name: "Verify now" })).toHaveCount(0);
    await expect(card.getByTestId("domain-status")).toHaveText("Active", { timeout: 30_000 });
    await expect(card.getByTestId("domain-status-text")).toContainText("Your portal is served on this host over HTTPS.");
    await expect(card.getByTestId("domain-status-text")).toContainText("The certificate is valid until");
    const served = await request.get(`http://127.0.0.1:${PORT}/api/v1/domains/${id}`, { headers: liveKey });
    expect(await served.json()).toMatchObject({ hostname: host, status: "active", certificate: { issuer: expect.stringContaining("Pebble") } });
    await expectAccessible(page);

    // Removal asks first and says what it does.
    await card.getByRole("button", { name: "Remove domain" }).click();
    await expect(card.getByRole("group", { name: `Remove ${host}` })).toContainText("stops being served there at once and its certificate is deleted");
    await card.getByRole("button", { name: "Yes, remove it" }).click();
    await expect(page.getByRole("article", { name: host })).toHaveCount(0);
  } finally {
    const list = await request.get(`http://127.0.0.1:${PORT}/api/v1/domains`, { headers: liveKey });
    for (const d of ((await list.json()) as { data: Array<{ id: string; hostname: string }> }).data.filter((d) => d.hostname === host)) {
      await request.delete(`http://127.0.0.1:${PORT}/api/v1/domains/${d.id}`, { headers: liveKey });
    }
  }
});

test("support sees the domain screen read-only", async ({ page }) => {
  await signInStaff(page, "support@acme.example");
  await page.goto("/admin/acme/portal/domain");
  await expect(page.getByText("Your role can view the domains but not change them.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add domain" })).toHaveCount(0);
});

test("embed checkout: each public plan's link and the snippet buildCheckoutSnippet makes", async ({ page, request }) => {
  const plans = await request.get(`http://127.0.0.1:${PORT}/api/v1/plans?visibility=public&status=active&limit=100`, { headers: liveKey });
  const onSale = ((await plans.json()) as { data: Array<{ name: string; slug: string }> }).data;
  expect(onSale.length).toBeGreaterThan(0);
  const settings = (await (await request.get(`http://127.0.0.1:${PORT}/api/v1/portal_settings`, { headers: liveKey })).json()) as { allowed_return_origins: string[] };

  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Embed checkout" }).click();
  await expect(page).toHaveURL(/\/admin\/acme\/checkout$/);
  await expect(page.getByRole("heading", { name: "Embed checkout", level: 1 })).toBeVisible();
  await expect(page.getByTestId("checkout-embed")).toHaveCount(onSale.length);
  const origin = `http://acme.localhost:${PORT}`;
  for (const plan of onSale) {
    const section = page.getByTestId("checkout-embed").filter({ has: page.getByRole("heading", { name: `${plan.name} (${plan.slug})` }) });
    await expect(section.getByTestId("checkout-url")).toHaveText(`${origin}/checkout/${plan.slug}`);
    expect(await section.getByTestId("checkout-snippet").textContent()).toBe(checkoutSnippet({ origin, planSlug: plan.slug, title: plan.name }));
    await expect(section.getByRole("button", { name: `Copy ${plan.name} snippet` })).toBeVisible();
  }
  if (settings.allowed_return_origins.length) await expect(page.getByTestId("embed-origins")).toContainText(settings.allowed_return_origins[0]!);
  else await expect(page.getByTestId("embed-origins-missing")).toContainText("embedding is blocked");
  await expect(page.getByRole("link", { name: "Edit the allowed origins" })).toHaveAttribute("href", "/admin/acme/portal/general");
  await expectAccessible(page);
});
