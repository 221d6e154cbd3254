// The production server takes the client's address from the socket, not from a header the client
// wrote: a customer forging X-Forwarded-For still shows (and is rate-limited) as the address it
// connected from.
import { expect, test } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3310);

test.use({ locale: "en-US", extraHTTPHeaders: { "x-forwarded-for": "6.6.6.6" } });

test("a forged X-Forwarded-For is replaced by the socket's address", async ({ page }) => {
  await page.goto(`http://acme.localhost:${port}/sign-in`);
  const form = page.getByRole("form", { name: "Sign in", exact: true });
  await form.getByLabel("Email", { exact: true }).fill("financeiro@paoquente.com.br");
  await form.getByLabel("Password").fill("ciclo-demo-2026");
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await page.goto(`http://acme.localhost:${port}/profile`);
  const main = page.getByRole("main");
  await expect(main.getByText("127.0.0.1").first()).toBeVisible();
  await expect(main.getByText("6.6.6.6")).toHaveCount(0);
});
