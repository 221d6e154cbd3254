import { expect, type Page } from "@playwright/test";
import type { Sql } from "postgres";

// The admin area's e2e helpers: staff sign-in, links from Ciclo's own emails (axe-core: ./axe.ts).
export const DEMO_PASSWORD = "ciclo-demo-2026";

export async function signInStaff(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

/** The link in the newest email of `template` to `to` (staff emails are Ciclo's: no organization needed). */
export async function staffEmailLink(sql: Sql, template: string, to: string, after = new Date(0)): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const rows = await sql<{ text: string }[]>`
      select text from email_outbox where template = ${template} and lower(to_address) = lower(${to}) and created_at > ${after}
      order by created_at desc limit 1`;
    const link = /https?:\/\/\S+?(?=\s|$)/.exec(rows[0]?.text ?? "")?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${template} email to ${to}`);
}
