import { execFileSync } from "node:child_process";
import { crc32, deflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import type { InvoiceDocument } from "@/lib/invoices/document";
import { formatDate, formatDateRange, formatMoney, formatSubcents, formatTaxId } from "@/lib/invoices/format";
import { renderInvoicePdf } from "@/lib/invoices/pdf";
import { buildBoletoBarcode, digitableLine } from "@/lib/payments/boleto";
import { buildPixPayload } from "@/lib/payments/pix";

// The PDF is read back the way a person reads it: as text, through poppler's pdftotext.
// Intl puts a no-break space after "R$" in pt-BR; the helper turns it into a plain space and
// squeezes runs of spaces that -layout inserts for column alignment.
function pdfText(pdf: Buffer): string {
  return execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf }).toString("utf8").replace(/\u00a0/g, " ").replace(/ {2,}/g, "  ");
}
const oneLine = (text: string) => text.replace(/\s+/g, " ");
const squash = (text: string) => text.replace(/\s+/g, "");

function pdfPages(pdf: Buffer): number {
  const info = execFileSync("pdfinfo", ["-"], { input: pdf }).toString("utf8");
  return Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
}

/** A small solid-colour PNG, built by hand so the logo path sees a real image. */
function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]);
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const boletoBarcode = buildBoletoBarcode({ bankCode: "001", dueDate: day("2026-03-10"), amountCents: 123_456, freeField: "0000001234567890123456789" });
const pixPayload = buildPixPayload({
  url: "pix.example.com.br/qr/v2/cobv/9d36b84fc70b478fb95c12729b6b4c0fa1b2c3d4",
  merchantName: "Acme Software",
  merchantCity: "São Paulo",
  txid: "***",
});

function baseDocument(): InvoiceDocument {
  return {
    locale: "pt-BR",
    merchant: {
      name: "Acme Software",
      legal_name: "Acme Software Ltda.",
      tax_id: "11222333000181",
      address: { line1: "Av. Paulista, 1000", line2: "Conjunto 42", city: "São Paulo", state: "SP", postal_code: "01310100", country: "BR" },
      support_email: "financeiro@acme.com.br",
      brand_color: "#0f766e",
      logo: { data: solidPng(120, 40, [15, 118, 110]), format: "png" },
    },
    invoice: {
      number: "ACME-2026-0042",
      status: "open",
      currency: "BRL",
      created_at: day("2026-03-01"),
      finalized_at: day("2026-03-01"),
      due_at: day("2026-03-10"),
      paid_at: null,
      period_start: day("2026-03-01"),
      period_end: day("2026-04-01"),
      subtotal_cents: 133_456,
      discount_cents: 10_000,
      credit_applied_cents: 0,
      total_cents: 123_456,
      amount_due_cents: 123_456,
      amount_paid_cents: 0,
      amount_refunded_cents: 0,
      memo: "Obrigado pela preferência! Pagamentos após o vencimento têm multa de 2%.",
      payment_url: null,
    },
    customer: {
      name: "Padaria São João",
      legal_name: "Padaria e Confeitaria São João Ltda.",
      email: "contas@padariasaojoao.com.br",
      document_type: "cnpj",
      document: "11444777000161",
      tax_address: {
        line1: "Rua Augusta",
        number: "1500",
        complement: "Loja 2",
        district: "Consolação",
        city: "São Paulo",
        state: "SP",
        postal_code: "01304001",
        country: "BR",
      },
    },
    lines: [
      { kind: "recurring", description: "Plano Profissional (mensal)", quantity: 1, unit_amount_subcents: 10_000_000, amount_cents: 100_000, period_start: day("2026-03-01"), period_end: day("2026-04-01") },
      { kind: "usage", description: "Mensagens enviadas", quantity: 12_500, unit_amount_subcents: 125, amount_cents: 15_625, period_start: day("2026-02-01"), period_end: day("2026-03-01") },
      { kind: "setup_fee", description: "Configuração e migração de dados", quantity: 1, unit_amount_subcents: 1_783_100, amount_cents: 17_831, period_start: null, period_end: null },
      { kind: "discount", description: "Cupom BEMVINDO (10% no primeiro mês)", quantity: null, unit_amount_subcents: null, amount_cents: -10_000, period_start: null, period_end: null },
    ],
    nfe: { number: "000987", series: "1", status: "issued", verification_url: "https://nfse.prefeitura.sp.gov.br/verificacao?codigo=ABCD1234EFGH5678" },
    boleto: { digitable_line: digitableLine(boletoBarcode), barcode: boletoBarcode, due_date: "2026-03-10" },
    pix: null,
  };
}

describe("invoice format helpers", () => {
  it("formats integer cents exactly for the locale", () => {
    expect(formatMoney(123_456, "BRL", "pt-BR")).toBe("R$\u00a01.234,56");
    expect(formatMoney(-10_000, "BRL", "pt-BR")).toBe("-R$\u00a0100,00");
    expect(formatMoney(123_456, "BRL", "en")).toBe("R$1,234.56");
    expect(formatMoney(100_000, "JPY", "en")).toBe("¥100,000");
    // 2^53 - 1 cents: a float division would round; the exact split does not.
    expect(formatMoney(Number.MAX_SAFE_INTEGER, "USD", "en")).toBe("$90,071,992,547,409.91");
    expect(formatMoney(0, "BRL", "pt-BR")).toBe("R$\u00a00,00");
  });

  it("shows sub-cent unit prices with up to 4 decimals only when needed", () => {
    expect(formatSubcents(125, "BRL", "pt-BR")).toBe("R$\u00a00,0125");
    expect(formatSubcents(1_250, "BRL", "pt-BR")).toBe("R$\u00a00,125");
    expect(formatSubcents(10_000_000, "BRL", "pt-BR")).toBe("R$\u00a01.000,00");
  });

  it("formats tax ids and UTC dates", () => {
    expect(formatTaxId("11222333000181")).toBe("11.222.333/0001-81");
    expect(formatTaxId("52998224725")).toBe("529.982.247-25");
    expect(formatTaxId("529.982.247-25", "cpf")).toBe("529.982.247-25");
    expect(formatTaxId("12345")).toBe("12345");
    expect(formatDate(new Date("2026-03-01T01:30:00Z"), "pt-BR")).toBe("1 de março de 2026");
    expect(formatDate("2026-03-10", "en")).toBe("March 10, 2026");
    expect(formatDateRange(day("2026-03-01"), day("2026-04-01"), "en")).toBe("Mar 1 – Apr 1, 2026");
  });
});

describe("renderInvoicePdf", () => {
  let ptBoleto: { pdf: Buffer; text: string };

  beforeAll(async () => {
    const pdf = await renderInvoicePdf(baseDocument());
    ptBoleto = { pdf, text: pdfText(pdf) };
  });

  it("renders a pt-BR invoice for a CNPJ customer with boleto and NF-e", () => {
    const { pdf, text } = ptBoleto;
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdfPages(pdf)).toBe(1);
    for (const expected of [
      "Fatura",
      "ACME-2026-0042",
      "Acme Software Ltda.",
      "CNPJ 11.222.333/0001-81",
      "Av. Paulista, 1000",
      "São Paulo - SP · CEP 01310-100",
      "financeiro@acme.com.br",
      "Padaria e Confeitaria São João Ltda.",
      "CNPJ 11.444.777/0001-61",
      "Rua Augusta, 1500 – Loja 2",
      "Consolação",
      "Data de emissão",
      "1 de março de 2026",
      "10 de março de 2026",
      "Período de serviço",
      "BRL",
      "Descrição",
      "Preço unitário",
      "Configuração e migração de dados",
      "R$ 1.000,00",
      "R$ 0,0125",
      "12.500",
      "R$ 156,25",
      "-R$ 100,00",
      "R$ 1.234,56 com vencimento em 10 de março de 2026",
      "Obrigado pela preferência!",
      "Pagamento por boleto",
      "Linha digitável",
      "Nota fiscal (NF-e)",
      "000987",
      "Emitida",
      "Página 1 de 1",
    ]) {
      expect(text).toContain(expected);
    }
    expect(oneLine(text)).toMatch(/Subtotal R\$ 1\.334,56/);
    expect(oneLine(text)).toMatch(/Desconto -R\$ 100,00/);
    expect(oneLine(text)).toMatch(/Valor devido R\$ 1\.234,56/);
    expect(squash(text)).toContain(squash("https://nfse.prefeitura.sp.gov.br/verificacao?codigo=ABCD1234EFGH5678"));
    expect(text).not.toContain("Valor reembolsado");
    expect(text).not.toContain("Pix");
  });

  it("prints the boleto's digitable line formatted", () => {
    const line = digitableLine(boletoBarcode);
    const formatted = `${line.slice(0, 5)}.${line.slice(5, 10)} ${line.slice(10, 15)}.${line.slice(15, 21)} ${line.slice(21, 26)}.${line.slice(26, 32)} ${line[32]} ${line.slice(33)}`;
    expect(oneLine(ptBoleto.text)).toContain(formatted);
  });

  it("renders an English invoice for a CPF customer with Pix and a payment link", async () => {
    const doc = baseDocument();
    doc.locale = "en";
    doc.customer = { ...doc.customer, name: "Maria Conceição", legal_name: null, document_type: "cpf", document: "52998224725", email: "maria@example.com" };
    doc.invoice = { ...doc.invoice, credit_applied_cents: 5_000, amount_due_cents: 118_456, payment_url: "https://billing.acme.com.br/pay/Zm9vYmFyYmF6cXV4", memo: null };
    doc.boleto = null;
    doc.nfe = { number: null, series: null, status: "pending", verification_url: null };
    doc.pix = { payload: pixPayload, expires_at: "2026-03-10T23:59:00Z" };
    const pdf = await renderInvoicePdf(doc);
    const text = pdfText(pdf);
    expect(pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(pdfPages(pdf)).toBe(1);
    for (const expected of [
      "Invoice",
      "Bill to",
      "Maria Conceição",
      "CPF 529.982.247-25",
      "Date of issue",
      "March 1, 2026",
      "Description",
      "Unit price",
      "R$1,000.00",
      "R$0.0125",
      "12,500",
      "Mar 1 – Apr 1, 2026",
      "R$1,184.56 due March 10, 2026",
      "Pay online: https://billing.acme.com.br/pay/Zm9vYmFyYmF6cXV4",
      "Pay with Pix",
      "Pix copy and paste code",
      "Mar 10, 2026, 11:59 PM UTC",
      "Page 1 of 1",
    ]) {
      expect(text).toContain(expected);
    }
    expect(oneLine(text)).toMatch(/Credit applied -R\$50\.00/);
    expect(oneLine(text)).toMatch(/Amount due R\$1,184\.56/);
    // The payload is broken into lines without hyphens: joined back, it is the exact code.
    expect(pixPayload.length).toBeGreaterThan(100);
    expect(squash(text)).toContain(squash(pixPayload));
    expect(text).not.toContain("NF-e"); // no number yet: no block
    expect(text).not.toContain("boleto");
  });

  it("marks a draft and prints no number", async () => {
    const doc = baseDocument();
    doc.invoice = { ...doc.invoice, number: null, status: "draft", finalized_at: null, due_at: null, memo: null };
    doc.boleto = null;
    doc.nfe = null;
    doc.merchant = { ...doc.merchant, logo: null, brand_color: "#fde047" };
    const pdf = await renderInvoicePdf(doc);
    const text = pdfText(pdf);
    expect(pdfPages(pdf)).toBe(1);
    expect(text).toMatch(/Número da fatura\s+RASCUNHO/);
    expect(oneLine(text)).toContain("RASCUNHO · R$ 1.234,56"); // the footer
    expect(text).toContain("R$ 1.234,56 a pagar");
    expect(text).not.toContain("ACME-2026-0042");
    expect(text).not.toContain("Vencimento");
    expect(text).toContain("Acme Software"); // no logo: the name stands in the header
  });

  it("shows a paid invoice with its refund", async () => {
    const doc = baseDocument();
    doc.invoice = { ...doc.invoice, status: "paid", paid_at: day("2026-03-08"), amount_paid_cents: 123_456, amount_refunded_cents: 2_000, payment_url: "https://billing.acme.com.br/pay/old" };
    doc.boleto = null;
    const text = pdfText(await renderInvoicePdf(doc));
    expect(text).toContain("PAGA");
    expect(text).toContain("R$ 1.234,56 pagos em 8 de março de 2026");
    expect(oneLine(text)).toMatch(/Valor pago R\$ 1\.234,56/);
    expect(oneLine(text)).toMatch(/Valor reembolsado R\$ 20,00/);
    expect(text).not.toContain("Pagar on-line"); // nothing left to pay
  });

  it("breaks a 60-line invoice across pages with numbered footers", async () => {
    const doc = baseDocument();
    doc.lines = Array.from({ length: 60 }, (_, i) => ({
      kind: "usage" as const,
      description: `Instância de banco de dados #${String(i + 1).padStart(2, "0")} (região sa-east-1)`,
      quantity: 720,
      unit_amount_subcents: 2_750,
      amount_cents: 19_800,
      period_start: day("2026-03-01"),
      period_end: day("2026-04-01"),
    }));
    doc.invoice = { ...doc.invoice, subtotal_cents: 1_188_000, discount_cents: 0, total_cents: 1_188_000, amount_due_cents: 1_188_000 };
    const pdf = await renderInvoicePdf(doc);
    const text = pdfText(pdf);
    // 13 lines fit under the header on page 1, 22 on each following page: 13 + 22 + 22 + 3.
    expect(pdfPages(pdf)).toBe(4);
    for (let page = 1; page <= 4; page++) expect(text).toContain(`Página ${page} de 4`);
    // The column headings repeat on every page the table continues on.
    expect(text.match(/Descrição\s+Qtd\.\s+Preço unitário\s+Valor/g)).toHaveLength(4);
    expect(text).toContain("#01 (região sa-east-1)");
    expect(text).toContain("#60 (região sa-east-1)");
    expect(text).toContain("R$ 0,275");
    expect(oneLine(text)).toMatch(/Valor devido R\$ 11\.880,00/);
    // Every page repeats the footer with the invoice number.
    expect(oneLine(text).match(/ACME-2026-0042 · R\$ 11\.880,00/g)).toHaveLength(4);
  });
});
