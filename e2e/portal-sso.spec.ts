// SSO through the real routes on Globex's sandbox portal: a token signed by the merchant's
// platform (GET /sso/jwt) provisions a portal user and signs in, once; the sign-in page's
// "Sign in with <IdP>" button with an IdP that does not answer; and OpenID Connect end to end
// against a real provider (`oidc-provider`, tests/helpers/oidc-idp.ts) that this spec serves over
// HTTPS with the e2e server's test certificate (e2e/support/tls.ts: the production server only
// accepts https issuers, and trusts that test CA), signing in on the IdP's own pages.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { SignJWT } from "jose";
import postgres from "postgres";
import { demoKey } from "@/db/seed";
import { startTestIdp } from "@/tests/helpers/oidc-idp";
import { e2eDatabaseUrl } from "./support/database";
import { readTestTls } from "./support/tls";

const port = Number(process.env.E2E_PORT ?? 3310);
const portal = `http://globex-test.localhost:${port}`;

const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
test.afterAll(async () => sql.end());

test("SSO: a token signed by the merchant's platform provisions and signs in once; the IdP button starts OIDC", async ({ page, browser, request }) => {
  test.setTimeout(60_000);
  const headers = { Authorization: `Bearer ${demoKey("globex", "test")}`, Host: `localhost:${port}` };
  const api = `http://127.0.0.1:${port}/api/v1`;
  const secret = "globex-crm-shared-secret-0123456789abcdef";
  const sso = await request.patch(`${api}/portal_settings/sso`, {
    headers, data: { jwt: { algorithm: "HS256", secret }, oidc: { issuer: "https://login.globex.invalid", client_id: "ciclo", client_secret: "s3cret" } },
  });
  expect(sso.status()).toBe(200);
  const config = await sso.json();
  expect(JSON.stringify(config)).not.toContain(secret);
  expect((await request.patch(`${api}/portal_settings`, { headers, data: { auth_methods: { sso_jwt: true, oidc: true } } })).status()).toBe(200);
  try {
    const externalAccount = `crm-acct-${randomBytes(4).toString("hex")}`;
    expect((await request.post(`${api}/billing_accounts`, { headers, data: { name: "SSO Ltda", email: "contas@sso.example", external_id: externalAccount } })).status()).toBe(201);
    const email = `sso-${randomBytes(4).toString("hex")}@cliente.example`;
    const token = await new SignJWT({ external_id: `crm-${email}`, email, name: "Sofia", billing_account_external_id: externalAccount, jti: randomBytes(16).toString("hex") })
      .setProtectedHeader({ alg: "HS256" })
      .setAudience(config.jwt_audience)
      .setIssuedAt()
      .setExpirationTime("2m")
      .sign(new TextEncoder().encode(secret));
    const link = `${config.jwt_url}?token=${token}&next=%2Finvoices`;
    expect(link.startsWith(`${portal}/sso/jwt?`)).toBe(true);
    await page.goto(link);
    await expect(page).toHaveURL(`${portal}/invoices`);
    expect((await page.context().cookies(portal)).find((c) => c.name === "__Host-ciclo_portal_session")).toBeDefined();

    // The same token again, in another browser: refused.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(link);
    await expect(otherPage).toHaveURL(`${portal}/sign-in?error=sso_failed`);
    await expect(otherPage.getByRole("status")).toHaveText("Single sign-on did not work. Go back to where you came from and try again.");
    // OIDC is on: the button names the IdP and starts the flow (this IdP does not exist: a notice).
    // Pages may hold the settings for up to 5 seconds (a per-bundle cache): reload until it shows.
    const idpButton = otherPage.getByRole("link", { name: "Sign in with login.globex.invalid" });
    await expect(async () => {
      await otherPage.reload();
      await expect(idpButton).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 15_000 });
    await idpButton.click();
    await expect(otherPage).toHaveURL(`${portal}/sign-in?error=sso_unavailable`, { timeout: 20_000 });
    await other.close();
    const events = await sql<{ event: string; method: string | null; detail: string | null }[]>`
      select l.event, l.method, l.detail from portal_access_log l join organizations o on o.id = l.organization_id
      where o.slug = 'globex-test' and l.event in ('sso_succeeded', 'sso_failed', 'user_provisioned') order by l.created_at`;
    expect(events.map((e) => `${e.event}:${e.method}:${e.detail}`)).toEqual(
      expect.arrayContaining(["user_provisioned:sso_jwt:role viewer", "sso_succeeded:sso_jwt:provisioned", "sso_failed:sso_jwt:replayed", "sso_failed:oidc:idp_unavailable"]),
    );
  } finally {
    await request.patch(`${api}/portal_settings`, { headers, data: { auth_methods: { sso_jwt: false, oidc: false } } });
  }
});

/** The IdP's pages: its sign-in form, then its consent page (a new IdP session asks each time). */
async function signInAtIdp(page: Page, issuer: string, email: string, password: string) {
  await expect(page).toHaveURL(new RegExp(`^${issuer}/interaction/`));
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Allow access" })).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();
}

test("OpenID Connect in the browser: the IdP's sign-in and consent pages, a provisioned user, found again by sub", async ({ browser, request }) => {
  test.setTimeout(90_000);
  const headers = { Authorization: `Bearer ${demoKey("globex", "test")}`, Host: `localhost:${port}` };
  const api = `http://127.0.0.1:${port}/api/v1`;
  const idp = await startTestIdp({
    clientId: "ciclo-portal", clientSecret: "idp-e2e-client-secret", redirectUris: [`${portal}/sso/oidc/callback`], tls: readTestTls(), interactions: "pages",
  });
  try {
    const account = await (await request.post(`${api}/billing_accounts`, { headers, data: { name: "OIDC Ltda", email: "contas@oidc.example" } })).json();
    expect(account.id, JSON.stringify(account)).toBeTruthy();
    const sub = `idp-${randomBytes(6).toString("hex")}`;
    const email = `olivia-${randomBytes(4).toString("hex")}@cliente.example`;
    const password = "correct horse battery staple";
    idp.users.set(sub, { email, email_verified: true, name: "Olívia", billing_account_id: account.id });
    idp.passwords.set(sub, password);
    const sso = await request.patch(`${api}/portal_settings/sso`, { headers, data: { oidc: { issuer: idp.issuer, client_id: "ciclo-portal", client_secret: "idp-e2e-client-secret" } } });
    expect(sso.status(), await sso.text()).toBe(200);
    expect((await request.patch(`${api}/portal_settings`, { headers, data: { auth_methods: { oidc: true } } })).status()).toBe(200);

    // Chromium takes the IdP's certificate (the e2e server's throwaway CA) in these contexts only.
    const signIn = async (next: string) => {
      const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: "en-US" });
      const page = await context.newPage();
      const button = page.getByRole("link", { name: "Sign in with 127.0.0.1" });
      await expect(async () => {
        await page.goto(`${portal}/sign-in?next=${encodeURIComponent(next)}`); // settings are cached for a few seconds
        await expect(button).toBeVisible({ timeout: 500 });
      }).toPass({ timeout: 15_000 });
      await button.click();
      await signInAtIdp(page, idp.issuer, email, password);
      await expect(page).toHaveURL(`${portal}${next}`, { timeout: 20_000 });
      expect((await context.cookies(portal)).find((c) => c.name === "__Host-ciclo_portal_session")).toBeDefined();
      return { context, page };
    };

    // First sign-in: a new portal user from the IdP's claims (billing account, verified email, name).
    const first = await signIn("/invoices");
    await expect(first.page.getByRole("heading", { level: 1, name: "Invoices" })).toBeVisible();
    await expect(first.page.getByTestId("user-email")).toHaveText(email);
    await first.context.close();
    const users = await sql<{ id: string; email: string; name: string | null; role: string; billing_account_id: string }[]>`
      select id, email, name, role, billing_account_id from portal_users where oidc_subject = ${sub}`;
    expect(users).toEqual([{ id: expect.any(String), email, name: "Olívia", role: "viewer", billing_account_id: account.id }]);

    // Second sign-in, another browser, a new name at the IdP: the same user, found by sub.
    idp.users.set(sub, { ...idp.users.get(sub)!, name: "Olívia Souza" });
    const second = await signIn("/");
    await expect(second.page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(second.page.getByTestId("user-name")).toHaveText("Olívia Souza");
    await second.context.close();
    expect(await sql`select id from portal_users where oidc_subject = ${sub} or email = ${email}`).toEqual([{ id: users[0]!.id }]);
    const events = await sql<{ event: string; method: string | null; detail: string | null }[]>`
      select event, method, detail from portal_access_log where portal_user_id = ${users[0]!.id} order by created_at`;
    expect(events.map((e) => `${e.event}:${e.method}:${e.detail}`)).toEqual(["user_provisioned:oidc:role viewer", "sso_succeeded:oidc:provisioned", "sso_succeeded:oidc:null"]);
  } finally {
    await request.patch(`${api}/portal_settings`, { headers, data: { auth_methods: { oidc: false } } });
    await idp.close();
  }
});
