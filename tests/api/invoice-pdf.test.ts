import { execFileSync } from "node:child_process";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { organizations } from "@/db/schema";
import { logoFromDataUrl } from "@/lib/invoices/pdf-data";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

// GET /api/v1/invoices/:id/pdf, read back the way a person reads it (poppler's pdftotext).
let t: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  t = await createTenant();
});

type Pdf = { status: number; headers: Headers; bytes: Buffer };

async function getPdf(id: string, key: string, headers: Record<string, string> = {}): Promise<Pdf> {
  const { GET } = await import("@/app/api/v1/invoices/[id]/pdf/route");
  const req = new Request(`http://localhost:3000/api/v1/invoices/${id}/pdf`, { headers: { authorization: `Bearer ${key}`, ...headers } });
  const res = await GET(req, { params: Promise.resolve({ id }) });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The text, one line; Intl's no-break space after "R$" as a plain space. */
const pdfText = (pdf: Buffer) => execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf }).toString("utf8").replace(/\u00a0/g, " ").replace(/\s+/g, " ");

const line = { description: "Consultoria de implantação", quantity: 2, unit_amount_cents: 15_000 };

async function openInvoice(key = t.liveKey) {
  const account = (await api.post("/api/v1/billing_accounts", validAccount(), { key })).body.id as string;
  const res = await api.post("/api/v1/invoices", { billing_account_id: account, lines: [line], finalize: true }, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; number: string; status: string };
}

describe("GET /api/v1/invoices/:id/pdf", () => {
  it("answers the finalized invoice as an inline PDF with its number, the customer's CNPJ, the lines and the total", async () => {
    const invoice = await openInvoice();
    expect(invoice.status).toBe("open");
    const res = await getPdf(invoice.id, t.liveKey);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="${invoice.number}.pdf"`);
    expect(res.headers.get("request-id")).toBeTruthy();
    expect(res.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(res.bytes);
    expect(text).toContain(invoice.number);
    expect(text).toContain("11.222.333/0001-81");
    expect(text).toContain("Padaria Pão Quente");
    expect(text).toContain("Consultoria de implantação");
    expect(text).toContain("R$ 300,00");
    expect(text).toContain(`/pay/`); // the payment link of an open invoice
  });

  it("answers 304 to a client whose copy is current, and a new document once the NF-e is set", async () => {
    const invoice = await openInvoice();
    const first = await getPdf(invoice.id, t.liveKey);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"pdf-/);
    const again = await getPdf(invoice.id, t.liveKey, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);

    const nfe = { number: "000777", series: "A1", status: "issued", verification_url: "https://nfse.prefeitura.sp.gov.br/verificacao?n=777" };
    expect((await api.patch(`/api/v1/invoices/${invoice.id}`, { nfe }, { key: t.liveKey })).status).toBe(200);
    const updated = await getPdf(invoice.id, t.liveKey, { "if-none-match": etag });
    expect(updated.status).toBe(200);
    const text = pdfText(updated.bytes);
    expect(text).toContain("Nota fiscal (NF-e)");
    expect(text).toContain("000777");
    expect(text).toContain("A1");
  });

  it("prints the organization's legal data and a draft as a draft, with the billing account as it is now", async () => {
    const tenant = await createTenant();
    await getDb().update(organizations).set({ legalName: "Acme Serviços Digitais Ltda.", taxId: "11444777000161", supportEmail: "ajuda@acme.example" }).where(eq(organizations.id, tenant.live.id));
    const account = (await api.post("/api/v1/billing_accounts", validAccount(), { key: tenant.liveKey })).body.id as string;
    const draft = (await api.post("/api/v1/invoices", { billing_account_id: account, lines: [line] }, { key: tenant.liveKey })).body;
    await api.patch(`/api/v1/billing_accounts/${account}`, { name: "Padaria Nova" }, { key: tenant.liveKey });
    const res = await getPdf(draft.id, tenant.liveKey);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="draft-${draft.id}.pdf"`);
    const text = pdfText(res.bytes);
    expect(text).toContain("RASCUNHO");
    expect(text).toContain("Padaria Nova");
    expect(text).toContain("Acme Serviços Digitais Ltda.");
    expect(text).toContain("11.444.777/0001-61");
    expect(text).toContain("ajuda@acme.example");
    expect(text).not.toContain("/pay/");
  });

  it("another tenant's key, and the same merchant's sandbox key, get 404 in the error envelope", async () => {
    const invoice = await openInvoice();
    const other = await createTenant();
    for (const key of [other.liveKey, t.testKey]) {
      const res = await getPdf(invoice.id, key);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(JSON.parse(res.bytes.toString("utf8")).error.code).toBe("resource_missing");
    }
    expect((await getPdf("not-a-uuid", t.liveKey)).status).toBe(404);
    expect((await getPdf(invoice.id, "sk_live_nope")).status).toBe(401);
  });

  it("needs the invoices:read scope, and answers other methods with 405", async () => {
    const invoice = await openInvoice();
    const narrow = await createTenant({ scopes: ["billing_accounts:read"] });
    const res = await getPdf(invoice.id, narrow.liveKey);
    expect(res.status).toBe(403);
    const post = await api.post(`/api/v1/invoices/${invoice.id}/pdf`, {}, { key: t.liveKey });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
  });
});

describe("the OpenAPI document", () => {
  it("documents the PDF as an application/pdf answer of GET /invoices/{id}/pdf", async () => {
    const op = (await api.get("/api/v1/openapi.json")).body.paths["/invoices/{id}/pdf"].get;
    expect(op.operationId).toBe("retrieveInvoicePdf");
    expect(op["x-required-scope"]).toBe("invoices:read");
    expect(op.responses["200"].content).toEqual({ "application/pdf": { schema: { type: "string", format: "binary" } } });
    expect(op.responses["304"]).toBeTruthy();
    expect(op.responses["404"]).toBeTruthy();
  });
});

describe("logoFromDataUrl", () => {
  const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
  it("takes PNG and JPEG data URLs whose bytes are that format, and nothing else", () => {
    expect(logoFromDataUrl(`data:image/png;base64,${png.toString("base64")}`)).toEqual({ data: png, format: "png" });
    expect(logoFromDataUrl(`data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString("base64")}`)?.format).toBe("jpg");
    expect(logoFromDataUrl(`data:image/jpeg;base64,${png.toString("base64")}`)).toBeNull();
    expect(logoFromDataUrl("https://cdn.example.com/logo.png")).toBeNull();
    expect(logoFromDataUrl("data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=")).toBeNull();
    expect(logoFromDataUrl(null)).toBeNull();
  });
});
