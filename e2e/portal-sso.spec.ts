// SSO through the real routes on Globex's sandbox portal: a token signed by the merchant's
// platform (GET /sso/jwt) provisions a portal user and signs in, once; the sign-in page's
// "Sign in with <IdP>" button starts OIDC (the full OIDC flow runs against a real provider in
// tests/portal-auth/oidc.test.ts; production mode here only accepts https issuers).
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { SignJWT } from "jose";
import postgres from "postgres";
import { demoKey } from "@/db/seed";
import { e2eDatabaseUrl } from "./support/database";

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
