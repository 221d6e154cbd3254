// Portal sign-in in a real browser on tenant hosts: a magic link read from the email outbox,
// password sign-in with lockout after 5 failures, and a deep link made with Acme's sandbox key.
// Also checks that Chromium keeps `__Host-` Secure cookies on http://<slug>.localhost.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import postgres from "postgres";
import { demoKey } from "@/db/seed";
import { e2eDatabaseUrl } from "./support/database";

const port = Number(process.env.E2E_PORT ?? 3310);
const live = `http://acme.localhost:${port}`;
const sandbox = `http://acme-test.localhost:${port}`;
const EMAIL = "financeiro@paoquente.com.br";
const PASSWORD = "ciclo-demo-2026";

const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
test.afterAll(async () => sql.end());

/** The newest email of `template` to EMAIL on a portal host's organization, and the link in it. */
async function emailLink(slug: string, template: string, after: Date): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const rows = await sql<{ text: string }[]>`
      select e.text from email_outbox e join organizations o on o.id = e.organization_id
      where o.slug = ${slug} and e.template = ${template} and e.to_address = ${EMAIL} and e.created_at >= ${after}
      order by e.created_at desc limit 1`;
    const link = /https?:\/\/\S+?(?=\s|$)/.exec(rows[0]?.text ?? "")?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${template} email for ${EMAIL} on ${slug}`);
}

async function sessionCookie(context: BrowserContext, origin: string) {
  return (await context.cookies(origin)).find((c) => c.name === "__Host-ciclo_portal_session");
}

async function postSignOut(page: Page) {
  await page.evaluate(() => {
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/sign-out";
    document.body.append(form);
    form.submit();
  });
}

test("magic link: requested on the sign-in page, opened from the email, signed in with a __Host- cookie, then signed out", async ({ page, context, browser }) => {
  const started = new Date(Date.now() - 1000);
  await page.goto(`${live}/sign-in`);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText("Acme").first()).toBeVisible();
  await page.getByLabel("Email", { exact: true }).first().fill("not-an-email");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await page.getByLabel("Email", { exact: true }).first().fill(EMAIL);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page).toHaveURL(`${live}/sign-in/check-email`);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  const link = await emailLink("acme", "magic_link", started);
  expect(link).toMatch(new RegExp(`^${live}/auth/magic\\?token=[A-Za-z0-9_-]{43}$`));
  // Another browser holding a different binding is refused; the link stays good for this one.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(`${live}/sign-in`);
  await otherPage.getByLabel("Email", { exact: true }).first().fill("someone@example.com");
  await otherPage.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(otherPage).toHaveURL(/check-email$/);
  await otherPage.goto(link);
  await expect(otherPage).toHaveURL(`${live}/sign-in?error=other_browser`);
  await other.close();

  await page.goto(link);
  await expect(page).toHaveURL(`${live}/`);
  const cookie = await sessionCookie(context, live);
  expect(cookie, "Chromium keeps a __Host- Secure cookie on http://acme.localhost").toBeDefined();
  expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", path: "/" });
  // Signed in: the sign-in page sends back into the portal; the link does not work twice.
  await page.goto(`${live}/sign-in`);
  await expect(page).toHaveURL(`${live}/`);

  await postSignOut(page);
  await expect(page).toHaveURL(`${live}/sign-in?error=signed_out`);
  expect(await sessionCookie(context, live)).toBeUndefined();
  await page.goto(link);
  await expect(page).toHaveURL(`${live}/sign-in?error=used`);
});

test("a link opened on another device asks for a click before signing in", async ({ browser }) => {
  const started = new Date(Date.now() - 1000);
  const asking = await browser.newContext();
  const page = await asking.newPage();
  await page.goto(`${live}/sign-in`);
  await page.getByLabel("Email", { exact: true }).first().fill(EMAIL);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page).toHaveURL(/check-email$/);
  const link = await emailLink("acme", "magic_link", started);
  await asking.close();

  const phone = await browser.newContext();
  const phonePage = await phone.newPage();
  await phonePage.goto(link);
  await expect(phonePage).toHaveURL(/\/auth\/magic\/confirm\?token=/);
  await expect(phonePage.getByText(`You are about to sign in as ${EMAIL}.`)).toBeVisible();
  await phonePage.getByRole("button", { name: "Continue" }).click();
  await expect(phonePage).toHaveURL(`${live}/`);
  expect(await sessionCookie(phone, live)).toBeDefined();
  await phone.close();
});

test("password sign-in blocks after 5 failures and emails the customer; the right password works elsewhere", async ({ page, context }) => {
  const started = new Date(Date.now() - 1000);
  await page.goto(`${sandbox}/sign-in`);
  const form = page.getByRole("form", { name: "Sign in", exact: true });
  await form.getByLabel("Email", { exact: true }).fill(EMAIL);
  for (let i = 1; i <= 4; i++) {
    await form.getByLabel("Password").fill(`wrong-password-${i}`);
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(form.getByRole("alert")).toHaveText("The email or password is incorrect.");
    await expect(form.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByLabel("Password")).toHaveValue(""); // cleared after a failure (React resets the form)
    await expect(form.getByLabel("Email", { exact: true })).toHaveValue(EMAIL);
  }
  await form.getByLabel("Password").fill("wrong-password-5");
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(form.getByRole("alert")).toContainText("Too many failed attempts");
  await form.getByLabel("Password").fill(PASSWORD);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(form.getByRole("alert")).toContainText("Too many failed attempts");
  expect(await sessionCookie(context, sandbox)).toBeUndefined();
  expect(await emailLink("acme-test", "lockout", started)).toContain(`${sandbox}/forgot-password`);

  // The live portal is another tenant with its own counter.
  await page.goto(`${live}/sign-in`);
  const liveForm = page.getByRole("form", { name: "Sign in", exact: true });
  await liveForm.getByLabel("Email", { exact: true }).fill(EMAIL);
  await liveForm.getByLabel("Password").fill(PASSWORD);
  await liveForm.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${live}/`);
  // The portal's overview, not the root host's landing page.
  await expect(page.getByTestId("nav-overview")).toBeVisible();
  expect(await sessionCookie(context, live)).toBeDefined();
});

test("a deep link made with Acme's sandbox key lands signed in on the flow's page, once", async ({ page, context, request }) => {
  const headers = { Authorization: `Bearer ${demoKey("acme", "test")}`, Host: `localhost:${port}` };
  const api = `http://127.0.0.1:${port}/api/v1`;
  expect((await request.patch(`${api}/portal_settings`, { headers, data: { allowed_return_origins: ["https://app.acme.example"] } })).status()).toBe(200);
  const accounts = (await (await request.get(`${api}/billing_accounts?limit=100`, { headers })).json()).data as Array<{ id: string; name: string }>;
  const account = accounts.find((a) => a.name === "Padaria Pão Quente")!;
  const bad = await request.post(`${api}/portal/sessions`, { headers, data: { billing_account_id: account.id, return_url: "https://evil.example/" } });
  expect(bad.status()).toBe(422);
  const res = await request.post(`${api}/portal/sessions`, { headers, data: { billing_account_id: account.id, return_url: "https://app.acme.example/billing", flow: "payment_method_update" } });
  expect(res.status()).toBe(201);
  const body = await res.json();
  expect(body).toMatchObject({ object: "portal_session" });
  expect(body.url).toMatch(new RegExp(`^${sandbox}/s/[A-Za-z0-9_-]{43}$`));

  await page.goto(body.url);
  await expect(page).toHaveURL(`${sandbox}/payment-methods`);
  expect(await sessionCookie(context, sandbox)).toBeDefined();
  // Single use, and never valid on another tenant's host.
  await context.clearCookies();
  await page.goto(body.url);
  await expect(page).toHaveURL(`${sandbox}/sign-in?error=used`);
  await page.goto(body.url.replace(sandbox, live));
  await expect(page).toHaveURL(`${live}/sign-in?error=invalid`);
});
