// A customer opens an invoice's payment link (no sign-in), pays it with PIX, and — in the
// sandbox — simulates the payment. The invoice is created through the API with Acme's sandbox key.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { demoKey } from "@/db/seed";

const sandbox = { Authorization: `Bearer ${demoKey("acme", "test")}` };

async function sandboxInvoice(request: APIRequestContext) {
  const accounts = (await (await request.get("/api/v1/billing_accounts?limit=100", { headers: sandbox })).json()).data as Array<{ id: string; name: string }>;
  const account = accounts.find((a) => a.name === "Padaria Pão Quente")!;
  const res = await request.post("/api/v1/invoices", {
    headers: sandbox,
    data: { billing_account_id: account.id, lines: [{ description: "Plano Essencial — março", quantity: 1, unit_amount_cents: 4_990 }], finalize: true },
  });
  expect(res.status()).toBe(201);
  const invoice = await res.json();
  expect(invoice.payment_url).toMatch(/\/pay\/[A-Za-z0-9_-]{27}$/);
  return invoice as { id: string; number: string; payment_url: string };
}

test("the customer opens the payment link, gets a PIX, and a simulated payment marks the invoice paid", async ({ page, request }) => {
  const invoice = await sandboxInvoice(request);
  const path = new URL(invoice.payment_url).pathname;
  await page.goto(path);

  await expect(page.getByRole("heading", { name: invoice.number })).toBeVisible();
  await expect(page.getByRole("note", { name: "Modo de teste" })).toBeVisible();
  await expect(page.getByText("Plano Essencial — março")).toBeVisible();
  await expect(page.getByTestId("amount-due")).toHaveText(/R\$\s?49,90/);

  const pdf = await request.get(await page.getByRole("link", { name: "Baixar PDF" }).getAttribute("href").then((h) => h!));
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");

  await page.getByRole("button", { name: "Pagar com PIX" }).click();
  await expect(page.getByRole("img", { name: "QR code PIX" })).toBeVisible();
  const code = page.getByLabel("Código PIX copia e cola");
  await expect(code).toHaveValue(/^000201/);
  await expect(page.getByRole("button", { name: "Copiar código" }).first()).toBeVisible();
  // Issued once: a revisit shows the same code, and no second "Pagar com PIX" is offered.
  const payload = await code.inputValue();
  await page.reload();
  await expect(page.getByLabel("Código PIX copia e cola")).toHaveValue(payload);
  await expect(page.getByRole("button", { name: "Pagar com PIX" })).toHaveCount(0);

  await page.getByRole("button", { name: "Simular pagamento" }).click();
  await expect(page.getByTestId("invoice-paid")).toContainText("Esta fatura foi paga");
  await expect(page.getByRole("button", { name: "Simular pagamento" })).toHaveCount(0);
  const api = await request.get(`/api/v1/invoices/${invoice.id}`, { headers: sandbox });
  expect((await api.json()).status).toBe("paid");
});

test("the link works on the merchant's portal host, and nowhere it does not belong", async ({ page, request }) => {
  const invoice = await sandboxInvoice(request);
  const { pathname, port } = new URL(invoice.payment_url);
  await page.goto(`http://acme-test.localhost:${port}${pathname}`);
  await expect(page.getByRole("heading", { name: invoice.number })).toBeVisible();
  await page.getByRole("button", { name: "Gerar boleto" }).click();
  await expect(page.getByTestId("boleto")).toContainText(/\d{5}\.\d{5} \d{5}\.\d{6} \d{5}\.\d{6} \d \d{14}/);
  await expect(page.getByRole("img", { name: "Código de barras do boleto" })).toBeVisible();

  // Another merchant's host, and a token that names nothing: the same 404.
  const foreign = await page.goto(`http://globex-test.localhost:${port}${pathname}`);
  expect(foreign?.status()).toBe(404);
  const unknown = await page.goto(`/pay/${"A".repeat(27)}`);
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
