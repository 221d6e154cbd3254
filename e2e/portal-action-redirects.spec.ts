// Server actions that redirect on a portal host land on that portal's page, within the page
// that is open: Next renders the redirect target into the action's response by fetching it from
// itself (Host: localhost), and the proxy has to dispatch that request by the portal's host
// (lib/tenancy/host-attestation.ts), or the browser shows the root host's landing page.
// Each test marks `window` before acting: the mark surviving proves no full page load happened.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import postgres from "postgres";
import { demoKey } from "@/db/seed";
import { hashPassword } from "@/lib/portal-auth/password";
import { e2eDatabaseUrl } from "./support/database";

const port = Number(process.env.E2E_PORT ?? 3310);
const acme = `http://acme.localhost:${port}`;
const globex = `http://globex-test.localhost:${port}`;
const EMAIL = "financeiro@paoquente.com.br";
const PASSWORD = "ciclo-demo-2026";
const SESSION = "__Host-ciclo_portal_session";

const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
test.afterAll(async () => sql.end());

const globexApi = { url: `http://127.0.0.1:${port}/api/v1`, headers: { Authorization: `Bearer ${demoKey("globex", "test")}`, Host: `localhost:${port}` } };
test.afterEach(async ({ request }) => {
  await request.patch(`${globexApi.url}/portal_settings`, { headers: globexApi.headers, data: { totp_required_roles: [] } });
});

/**
 * Marks the open page and counts document loads from now on. `expectSamePage()` then checks
 * that the mark is still there and no document was requested: the browser never left the page.
 */
async function watchForPageLoads(page: Page): Promise<{ expectSamePage: () => Promise<void> }> {
  const mark = randomBytes(8).toString("hex");
  await page.evaluate((value) => Object.assign(window, { __cicloMark: value }), mark);
  const documents: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "document" && request.frame() === page.mainFrame()) documents.push(request.url());
  });
  return {
    expectSamePage: async () => {
      expect(await page.evaluate(() => (window as unknown as { __cicloMark?: string }).__cicloMark)).toBe(mark);
      expect(documents, "no full page load").toEqual([]);
    },
  };
}

async function sessionCookie(context: BrowserContext, origin: string) {
  return (await context.cookies(origin)).find((c) => c.name === SESSION);
}

async function signIn(page: Page, email: string, password: string) {
  const form = page.getByRole("form", { name: "Sign in", exact: true });
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
}

async function signOutFromMenu(page: Page) {
  await page.locator("summary", { hasText: "Your account" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
}

function oathtool(key: string, when: Date): string {
  return execFileSync("oathtool", ["--totp", "-b", "--now", when.toISOString(), key.replace(/\s+/g, "")], { encoding: "utf8" }).trim();
}

test("password sign-in lands on the portal's Overview, signed in, and sign-out on its sign-in page, without a page load", async ({ page, context }) => {
  await page.goto(`${acme}/sign-in`);
  const load = await watchForPageLoads(page);

  const action = page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined);
  await signIn(page, EMAIL, PASSWORD);
  // The action's response carries its redirect and the rendered Overview (an RSC payload).
  const response = await action;
  expect(response.headers()["x-action-redirect"]).toMatch(/^\/;/);
  expect(response.headers()["content-type"]).toMatch(/^text\/x-component/);

  await expect(page).toHaveURL(`${acme}/`);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("portal-name")).toHaveText("Acme");
  await expect(page.getByText(/^Hello, /)).toBeVisible();
  await expect(page.getByTestId("user-email")).toHaveText(EMAIL);
  expect(await sessionCookie(context, acme)).toBeDefined();
  await load.expectSamePage();

  await signOutFromMenu(page);
  await expect(page).toHaveURL(`${acme}/sign-in?error=signed_out`);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await expect(page.getByTestId("portal-shell")).toHaveCount(0);
  expect(await sessionCookie(context, acme)).toBeUndefined();
  await load.expectSamePage();

  // The session is gone on the server too.
  await page.goto(`${acme}/invoices`);
  await expect(page).toHaveURL(`${acme}/sign-in?next=%2Finvoices`);
});

test("a sign-in link: asked for and confirmed by server actions, landing on the check-email page and the Overview", async ({ page, browser }) => {
  const started = new Date(Date.now() - 1000);
  await page.goto(`${acme}/sign-in`);
  const asking = await watchForPageLoads(page);
  await page.getByLabel("Email", { exact: true }).first().fill(EMAIL);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page).toHaveURL(`${acme}/sign-in/check-email`);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await asking.expectSamePage();

  let link: string | undefined;
  await expect(async () => {
    const rows = await sql<{ text: string }[]>`
      select e.text from email_outbox e join organizations o on o.id = e.organization_id
      where o.slug = 'acme' and e.template = 'magic_link' and e.to_address = ${EMAIL} and e.created_at >= ${started}
      order by e.created_at desc limit 1`;
    link = /https?:\/\/\S+?(?=\s|$)/.exec(rows[0]?.text ?? "")?.[0];
    expect(link).toBeDefined();
  }).toPass({ timeout: 10_000 });

  // Opened in another browser: a click on Continue (a server action) signs in there.
  const phone = await browser.newContext();
  const phonePage = await phone.newPage();
  await phonePage.goto(link!);
  await expect(phonePage).toHaveURL(/\/auth\/magic\/confirm\?token=/);
  const confirming = await watchForPageLoads(phonePage);
  await phonePage.getByRole("button", { name: "Continue" }).click();
  await expect(phonePage).toHaveURL(`${acme}/`);
  await expect(phonePage.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(phonePage.getByTestId("user-email")).toHaveText(EMAIL);
  await confirming.expectSamePage();
  await phone.close();
});

test("two-factor: enrollment, sign-out, then a code at sign-in, each landing on the right portal page without a page load", async ({ page, request }) => {
  test.setTimeout(60_000);
  const email = `redirects-${randomBytes(4).toString("hex")}@cliente.example`;
  const password = "action-redirects-passphrase";
  const { url: api, headers } = globexApi;
  expect((await request.patch(`${api}/portal_settings`, { headers, data: { totp_required_roles: ["finance"] } })).status()).toBe(200);
  const account = await (await request.post(`${api}/billing_accounts`, { headers, data: { name: "Redireciona Ltda", email: "contas@redireciona.example" } })).json();
  expect((await request.post(`${api}/billing_accounts/${account.id}/portal_users`, { headers, data: { email, name: "Renata", role: "finance" } })).status()).toBe(201);
  await sql`update portal_users set password_hash = ${await hashPassword(password)} where email = ${email}`;

  await page.goto(`${globex}/sign-in`);
  const load = await watchForPageLoads(page);
  // The sign-in action redirects to "/", whose gate sends an unenrolled finance user to enroll.
  await signIn(page, email, password);
  await expect(page).toHaveURL(`${globex}/two-factor`);
  await expect(page.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
  const key = (await page.getByTestId("totp-setup-key").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(oathtool(key, new Date()));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(`${globex}/`);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByText("Hello, Renata")).toBeVisible();
  await load.expectSamePage();

  await signOutFromMenu(page);
  await expect(page).toHaveURL(`${globex}/sign-in?error=signed_out`);
  await signIn(page, email, password);
  await expect(page).toHaveURL(`${globex}/two-factor`);
  await expect(page.getByRole("heading", { name: "Enter your authentication code" })).toBeVisible();
  // The enrollment used this step's code: the app's next one (within the accepted drift).
  await page.getByLabel("Authentication code").fill(oathtool(key, new Date(Date.now() + 30_000)));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(`${globex}/`);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByText("Hello, Renata")).toBeVisible();
  await load.expectSamePage();
});
