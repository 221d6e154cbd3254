// The admin's Developers screens, as the demo owner: an API key created on the page works
// against the API until it is revoked there, and its request is found in the request log by
// Request-Id; a webhook endpoint added on the page receives an event, shows the delivery and
// resends it; the email outbox shows an email's HTML only inside a sandboxed frame. Another
// organization's ids are 404 through the admin pages. axe-core on every page.
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { demoKey } from "@/db/seed";
import { SIGNATURE_HEADER, verifySignature } from "@/lib/webhooks/signature";
import { startReceiver } from "../tests/helpers/receiver";
import { signInStaff } from "./support/admin";
import { expectAccessible } from "./support/axe";
import { e2eDatabaseUrl } from "./support/database";
import { deliverDue, endpointWithSecret } from "./support/webhook-worker";

const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
test.afterAll(async () => sql.end());
// What a test adds to the shared demo data is removed after it (other specs count it).
const cleanups: Array<() => Promise<void>> = [];
test.afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const tag = () => Math.random().toString(36).slice(2, 8);

test("API key: create (secret shown once, copied), use it, revoke it; its request in the request log", async ({ page, request, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Developers" }).click();
  await expect(page).toHaveURL(/\/admin\/acme\/developers\/api-keys$/);
  await expect(page.getByRole("table", { name: /API keys/ })).toBeVisible();
  await expectAccessible(page);

  // Validation inline, nothing created.
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("field-error")).toBeVisible();

  const name = `E2E key ${tag()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Copy it now: you won't see it again.")).toBeVisible();
  const secretField = page.getByLabel("Secret key", { exact: true });
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^sk_live_[0-9A-Za-z]{32}$/);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await expectAccessible(page);

  // The copied secret works against the API.
  const used = await request.get("/api/v1/billing_accounts", { headers: bearer(secret) });
  expect(used.status()).toBe(200);
  const requestId = used.headers()["request-id"]!;
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

  // Shown once: a reload shows only its prefix, now "last used".
  await page.reload();
  await expect(page.getByLabel("Secret key", { exact: true })).toHaveCount(0);
  const row = page.getByTestId("api-key-row").filter({ hasText: name });
  await expect(row).toContainText(secret.slice(0, 12));
  await expect(row).not.toContainText(secret);
  await expect(row).not.toContainText("Never");

  // Revoke, with a confirm step; the API refuses the key from then on.
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("Requests with it are refused from now on");
  await row.getByRole("button", { name: "Yes, revoke it" }).click();
  await expect(row).toContainText("Revoked");
  expect((await request.get("/api/v1/billing_accounts", { headers: bearer(secret) })).status()).toBe(401);

  // Roll: a new secret shown once, the old one refused at once.
  const rollName = `E2E roll ${tag()}`;
  await page.getByLabel("Name", { exact: true }).fill(rollName);
  await page.getByRole("button", { name: "Create key" }).click();
  const oldSecret = await page.getByLabel("Secret key", { exact: true }).inputValue();
  cleanups.push(async () => void (await sql`update api_keys set revoked_at = now() where name = ${rollName} and revoked_at is null`));
  const rollRow = page.getByTestId("api-key-row").filter({ hasText: oldSecret.slice(0, 12) });
  await rollRow.getByRole("button", { name: `Roll ${rollName}` }).click();
  await rollRow.getByRole("button", { name: "Yes, roll it" }).click();
  const newSecret = await rollRow.getByLabel("New secret key", { exact: true }).inputValue();
  expect(newSecret).toMatch(/^sk_live_/);
  await expect(rollRow).toContainText("Revoked");
  await expect(page.getByTestId("api-key-row").filter({ hasText: rollName }).filter({ hasText: newSecret.slice(0, 12) })).toContainText("Active");
  expect((await request.get("/api/v1/billing_accounts", { headers: bearer(newSecret) })).status()).toBe(200);
  expect((await request.get("/api/v1/billing_accounts", { headers: bearer(oldSecret) })).status()).toBe(401);
  await expectAccessible(page);

  // The request, found by its Request-Id.
  await page.getByRole("navigation", { name: "Developers" }).getByRole("link", { name: "Request log" }).click();
  await expectAccessible(page);
  await page.getByLabel("Request-Id").fill(requestId);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`request_id=${requestId}`));
  await expect(page.getByTestId("request-row")).toHaveCount(1);
  await expect(page.getByTestId("request-row")).toContainText("GET /api/v1/billing_accounts");
  await expect(page.getByTestId("request-row")).toContainText("200");
  await page.getByTestId("request-row").getByRole("link").click();
  await expect(page.getByRole("heading", { name: "GET /api/v1/billing_accounts" })).toBeVisible();
  await expect(page.getByText(requestId)).toBeVisible();
  await expectAccessible(page);

  // A filter that matches nothing; a malformed Request-Id is a field error, not a failure.
  await page.goto(`/admin/acme/developers/requests?status=5xx&path=/api/v1/nothing-here`);
  await expect(page.getByText("No request matches these filters.")).toBeVisible();
  await page.goto(`/admin/acme/developers/requests?request_id=nope`);
  await expect(page.getByTestId("field-error")).toContainText("Request-Id");
});

test("webhooks: add an endpoint, an API event is delivered, shown in the log, and resent", async ({ page, request }) => {
  const receiver = await startReceiver();
  try {
    await signInStaff(page, "owner@acme.example");
    await page.goto("/admin/acme-test/developers/webhooks");
    await expect(page.getByTestId("admin-test-mode")).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("URL", { exact: true }).fill(receiver.url);
    await page.getByLabel("billing_account.created", { exact: true }).check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const signingSecret = await page.getByLabel("Signing secret", { exact: true }).inputValue();
    expect(signingSecret).toMatch(/^whsec_/);
    await expect(page.getByText("Copy it now: you won't see it again.")).toBeVisible();
    const endpointRow = page.getByTestId("endpoint-row").filter({ hasText: receiver.url });
    await expect(endpointRow).toContainText("Enabled");
    const endpointId = await endpointWithSecret(sql, receiver.url, signingSecret);

    // An event through the API: its delivery is queued, then attempted (see support/webhook-worker.ts).
    const first = receiver.next((r) => r.headers["ciclo-event-type"] === "billing_account.created");
    const created = await request.post("/api/v1/billing_accounts", { headers: bearer(demoKey("acme", "test")), data: { name: `Webhook ${tag()}`, email: "hooks@acme.example" } });
    expect(created.status()).toBe(201);
    const accountId = (await created.json()).id as string;
    cleanups.push(async () => void (await request.delete(`/api/v1/billing_accounts/${accountId}`, { headers: bearer(demoKey("acme", "test")) })));
    await expect.poll(() => deliverDue(sql, endpointId)).toBe(1);
    const delivered = await first;
    expect(JSON.parse(delivered.body).data.object.id).toBe(accountId);
    const eventId = delivered.headers["ciclo-event-id"];
    expect(verifySignature(String(delivered.headers[SIGNATURE_HEADER.toLowerCase()]), delivered.body, signingSecret)).toBe(true);

    await endpointRow.getByRole("link", { name: receiver.url }).click();
    const delivery = page.getByTestId("delivery-row").first();
    await expect(delivery.getByTestId("delivery-status")).toHaveText("succeeded");
    await expect(delivery).toContainText("billing_account.created");
    await expect(delivery).toContainText("200");
    await delivery.getByText("Payload").click();
    await expect(delivery.locator("pre")).toContainText(accountId);
    await expectAccessible(page);

    // Resend: the API's resendDelivery makes it due again and queues it; the receiver gets it twice.
    const jobs = async () => (await sql`select 1 from pgboss.job where name = 'webhooks.deliver' and data->>'deliveryId' in (select id::text from webhook_deliveries where endpoint_id = ${endpointId})`).length;
    const queuedBefore = await jobs();
    const again = receiver.next((r) => r.headers["ciclo-event-id"] === eventId);
    await delivery.getByRole("button", { name: "Resend" }).click();
    await expect(delivery).toContainText("sent again");
    expect(await jobs()).toBe(queuedBefore + 1);
    await expect.poll(() => deliverDue(sql, endpointId)).toBe(1);
    await again;
    expect(receiver.received.filter((r) => r.headers["ciclo-event-id"] === eventId)).toHaveLength(2);
    await page.reload();
    await expect(delivery.getByTestId("delivery-attempts")).toHaveText("2");

    // Disable, then delete (confirmed) from the list.
    await page.goto("/admin/acme-test/developers/webhooks");
    await endpointRow.getByRole("button", { name: "Disable" }).click();
    await expect(endpointRow).toContainText("Disabled");
    await endpointRow.getByRole("button", { name: "Delete…" }).click();
    await endpointRow.getByRole("button", { name: "Yes, delete it" }).click();
    await expect(endpointRow).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});

test("email outbox: listed, filtered by status in the URL, the HTML only inside a sandboxed frame", async ({ page }) => {
  // An email as the outbox holds it (the demo data has none): its HTML tries to script the admin.
  const email = `outbox-${tag()}@acme.example`;
  const [mail] = await sql<{ id: string }[]>`
    insert into email_outbox (organization_id, template, to_address, from_address, subject, html, text, status, attempts, last_error)
    values ((select id from organizations where slug = 'acme'), 'invoice_issued', ${email}, 'Acme <billing@acme.example>', 'Your invoice',
            '<p>Hello</p><script>parent.document.title = "pwned"</script><img src=x onerror="parent.document.title = 42">', 'Hello', 'failed', 5, 'SMTP 550: mailbox unavailable')
    returning id`;
  cleanups.push(async () => void (await sql`delete from email_outbox where id = ${mail!.id}`));

  await signInStaff(page, "owner@acme.example");
  await page.goto("/admin/acme/developers/emails");
  const row = page.getByTestId("email-row").filter({ hasText: email });
  await expect(row).toContainText("Failed");
  await expect(row).toContainText("SMTP 550: mailbox unavailable");
  await expectAccessible(page);
  await page.getByLabel("Status").selectOption("sent");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=sent/);
  await expect(row).toHaveCount(0);
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(row).toBeVisible();

  await row.getByRole("link", { name: "Your invoice" }).click();
  await expect(page.getByText(email).first()).toBeVisible();
  const frame = page.getByTestId("email-html");
  await expect(frame).toHaveAttribute("sandbox", "");
  expect(await frame.getAttribute("srcdoc")).toContain("<p>Hello</p>");
  await expect(page.frameLocator('[data-testid="email-html"]').getByText("Hello")).toBeVisible();
  expect(await page.title()).not.toMatch(/pwned|42/);
  // The page around the email: axe cannot run inside a frame whose scripts are off (sandbox=""),
  // and the email's own HTML is the merchant's template, not this page.
  await expectAccessible(page, { exclude: ['[data-testid="email-html"]'] });
});

test("another organization's key, endpoint, request and email are not reachable (404); support has no Developers", async ({ page, request, browser }) => {
  const globex = bearer(demoKey("globex", "live"));
  const res = await request.get("/api/v1/billing_accounts", { headers: globex });
  const requestId = res.headers()["request-id"]!;
  const endpoint = await (await request.post("/api/v1/webhook_endpoints", { headers: globex, data: { url: "https://hooks.globex.example/x", events: ["*"] } })).json();
  cleanups.push(async () => void (await request.delete(`/api/v1/webhook_endpoints/${endpoint.id}`, { headers: globex })));
  const [org] = await sql<{ id: string }[]>`select id from organizations where slug = 'globex'`;
  const [mail] = await sql<{ id: string }[]>`
    insert into email_outbox (organization_id, template, to_address, from_address, subject, html, text)
    values (${org!.id}, 'invoice_issued', 'g@globex.example', 'Globex <b@globex.example>', 'Globex only', '<p>x</p>', 'x') returning id`;
  cleanups.push(async () => void (await sql`delete from email_outbox where id = ${mail!.id}`));
  let logRow: { id: string } | undefined;
  for (let i = 0; i < 50 && !logRow; i++) {
    [logRow] = await sql<{ id: string }[]>`select id from request_logs where request_id = ${requestId}`;
    if (!logRow) await new Promise((r) => setTimeout(r, 100));
  }

  await signInStaff(page, "owner@acme.example");
  for (const path of [`webhooks/${endpoint.id}`, `requests/${logRow!.id}`, `emails/${mail!.id}`, "requests/not-a-uuid"]) {
    const response = await page.goto(`/admin/acme/developers/${path}`);
    expect(response?.status(), path).toBe(404);
  }
  // Globex's key does not show on Acme's page (and the actions are covered by tests/admin/developers.test.ts).
  const [key] = await sql<{ prefix: string }[]>`select prefix from api_keys where organization_id = ${org!.id} limit 1`;
  await page.goto("/admin/acme/developers/api-keys");
  await expect(page.getByText(key!.prefix)).toHaveCount(0);

  const support = await browser.newContext();
  const supportPage = await support.newPage();
  await signInStaff(supportPage, "support@acme.example");
  await supportPage.goto("/admin/acme");
  await expect(supportPage.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Developers" })).toHaveCount(0);
  expect((await supportPage.goto("/admin/acme/developers/api-keys"))?.status()).toBe(404);
  await support.close();
});
