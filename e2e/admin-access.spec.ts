// Roles in the admin, enforced by the server: a support member sees settings read-only and a
// forced submit is refused; a developer replaying an owner's "invite" request is refused while
// the same request from the owner works. And an invitation, from email to a new member.
import { expect, test, type Browser, type Request } from "@playwright/test";
import postgres from "postgres";
import { demoKey } from "@/db/seed";
import { e2eDatabaseUrl } from "./support/database";
import { signInStaff, staffEmailLink } from "./support/admin";
import { expectAccessible } from "./support/axe";

const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
test.afterAll(async () => sql.end());

async function staffPage(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInStaff(page, email);
  return { context, page };
}

test("support sees the settings read-only; submitting anyway is refused by the server", async ({ browser, request }) => {
  const { context, page } = await staffPage(browser, "support@acme.example");
  await page.goto("/admin/acme/portal/sections");
  await expect(page.getByText("Your role can view these settings but not change them.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save sections" })).toHaveCount(0);
  await expect(page.getByLabel("Credits", { exact: true })).toBeDisabled();
  await expectAccessible(page);

  // Force it: enable the fields, untick Credits, submit the form (its server action runs).
  await page.locator("form").filter({ has: page.getByLabel("Credits", { exact: true }) }).evaluate((form: HTMLFormElement) => {
    for (const input of form.querySelectorAll("input")) input.disabled = false;
    (form.querySelector('input[name="features.credits"]') as HTMLInputElement).checked = false;
    form.requestSubmit();
  });
  await expect(page.getByRole("alert").filter({ hasText: "Your role does not allow this." })).toBeVisible();
  const settings = await (await request.get("/api/v1/portal_settings", { headers: { Authorization: `Bearer ${demoKey("acme", "live")}` } })).json();
  expect(settings.features.credits).toBe(true);

  // No member management for support either.
  await page.goto("/admin/acme/members");
  await expect(page.getByRole("heading", { name: "Invite someone" })).toHaveCount(0);
  await context.close();
});

test("a developer replaying the owner's invite request is refused; the owner's own goes through", async ({ browser }) => {
  const owner = await staffPage(browser, "owner@acme.example");
  await owner.page.goto("/admin/acme/members");
  // Capture the server action's request without letting it reach the server.
  let captured: Request | null = null;
  await owner.page.route("**/admin/acme/members", async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
      captured = route.request();
      await route.abort();
    } else await route.continue();
  });
  await owner.page.getByLabel("Email", { exact: true }).fill("replayed@acme.example");
  await owner.page.getByLabel("Role", { exact: true }).selectOption("support");
  await owner.page.getByRole("button", { name: "Send invitation" }).click();
  await expect.poll(() => captured).not.toBeNull();
  const request = captured!;
  const headers = Object.fromEntries(Object.entries(request.headers()).filter(([k]) => !["cookie", "content-length", "host"].includes(k)));
  const replay = (as: { context: { request: { post: (url: string, o: object) => Promise<{ text(): Promise<string>; status(): number }> } } }) =>
    as.context.request.post(request.url(), { headers, data: request.postDataBuffer()! });
  const invites = async () => (await sql`select 1 from staff_invites where email = 'replayed@acme.example'`).length;

  const developer = await staffPage(browser, "developer@acme.example");
  const refused = await replay(developer);
  expect(await refused.text()).toContain("Your role does not allow this.");
  expect(await invites()).toBe(0);

  const accepted = await replay(owner);
  expect(await accepted.text()).toContain("Invitation sent to replayed@acme.example.");
  expect(await invites()).toBe(1);
  await sql`update staff_invites set revoked_at = now() where email = 'replayed@acme.example'`;
  await owner.context.close();
  await developer.context.close();
});

test("an invitation by email: the new member creates an account and lands in the organization", async ({ browser }) => {
  const owner = await staffPage(browser, "owner@acme.example");
  await owner.page.goto("/admin/acme/members");
  await owner.page.getByLabel("Email", { exact: true }).fill("new.developer@acme.example");
  await owner.page.getByLabel("Role", { exact: true }).selectOption("developer");
  await owner.page.getByRole("button", { name: "Send invitation" }).click();
  await expect(owner.page.getByRole("status").filter({ hasText: "Invitation sent to new.developer@acme.example." })).toBeVisible();
  await expect(owner.page.getByText("new.developer@acme.example · Developer")).toBeVisible();

  const link = await staffEmailLink(sql, "staff_invite", "new.developer@acme.example");
  const guest = await browser.newContext();
  const page = await guest.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Join Acme" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Your name").fill("Nova Dev");
  await page.getByLabel("Choose a password").fill("short");
  await page.getByRole("button", { name: "Create my account and join" }).click();
  await expect(page.getByText("must be at least 12 characters")).toBeVisible();
  await page.getByLabel("Choose a password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create my account and join" }).click();
  await expect(page).toHaveURL(/\/admin\/acme$/);
  await expect(page.getByText("Developer", { exact: true })).toBeVisible();

  // Used once.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Invitation unavailable" })).toBeVisible();
  await owner.page.reload();
  await expect(owner.page.getByTestId("member-row").filter({ hasText: "new.developer@acme.example" })).toBeVisible();
  await guest.close();
  await owner.context.close();
});
