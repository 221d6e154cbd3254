import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { sandboxGatewayCharges, sandboxGatewayTokens } from "@/db/schema";
import { resetClock, setClock } from "@/lib/clock";
import { parseBoletoBarcode, parseDigitableLine } from "@/lib/payments/boleto";
import { GatewayInputError, GatewaySignatureError, type CardInput } from "@/lib/payments/gateway";
import { getGateway } from "@/lib/payments/gateways";
import { parsePixPayload, PixCrcMismatchError } from "@/lib/payments/pix";
import { createSandboxGateway, markSandboxChargePaid, SandboxIdempotencyError, signSandboxEvent } from "@/lib/payments/sandbox";
import { cardBrand, luhnValid } from "@/lib/payments/sandbox/cards";

const gateway = createSandboxGateway();
const db = () => getDb();
afterEach(() => resetClock());

const card = (number: string, o: Partial<CardInput> = {}): CardInput => ({ number, exp_month: 12, exp_year: new Date().getUTCFullYear() + 3, cvc: "123", ...o });
const key = () => `test_${randomUUID()}`;
const charge = (token: string, amountCents = 10_000, idempotencyKey = key()) =>
  gateway.chargeCard({ idempotencyKey, token, amountCents, currency: "BRL", description: "Pro mensal" });
const payer = { name: "Padaria Pão Quente", document: "11222333000181", email: "financeiro@paoquente.com.br" };
const boleto = (amountCents = 7990, idempotencyKey = key(), dueDate = new Date(Date.now() + 5 * 86_400_000)) =>
  gateway.issueBoleto({ idempotencyKey, amountCents, dueDate, payer, description: "Fatura 42" });
const pix = (amountCents = 7990, idempotencyKey = key(), expiresAt = new Date(Date.now() + 3600_000)) =>
  gateway.issuePix({ idempotencyKey, amountCents, expiresAt, payer, merchantName: "Padaria Pão Quente", merchantCity: "São Paulo", description: "Fatura 42" });

async function expectInputError(promise: Promise<unknown>, param: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error, `expected GatewayInputError on ${param}`).toBeInstanceOf(GatewayInputError);
  expect((error as GatewayInputError).param).toBe(param);
}

describe("sandbox gateway: tokenization", () => {
  it("keeps brand, last4, expiry and the outcome under a random token; never the number", async () => {
    const tok = await gateway.tokenizeCard(card("4242 4242 4242 4242"));
    expect(tok).toMatchObject({ brand: "visa", last4: "4242", exp_month: 12 });
    expect(tok.token).toMatch(/^tok_[0-9a-f]{40}$/);
    expect((await gateway.tokenizeCard(card("4242424242424242"))).token).not.toBe(tok.token);
    const [row] = await db().select().from(sandboxGatewayTokens).where(eq(sandboxGatewayTokens.token, tok.token));
    expect(row).toMatchObject({ brand: "visa", last4: "4242", outcome: null });
    const [{ found }] = (await db().execute(sql`select count(*)::int as found from sandbox_gateway_tokens t where t::text like '%4242424242424242%'`)) as unknown as [{ found: number }];
    expect(found).toBe(0);
    expect(await gateway.retrieveCardToken(tok.token)).toEqual(tok);
    expect(await gateway.retrieveCardToken("tok_" + "0".repeat(40))).toBeNull();
    expect(await gateway.retrieveCardToken("not a token")).toBeNull();
  });

  it("detects brands by prefix", async () => {
    const cases: Array<[string, string]> = [
      ["4111111111111111", "visa"], ["5555555555554444", "mastercard"], ["2223003122003222", "mastercard"],
      ["378282246310005", "amex"], ["6362970000457013", "elo"], ["5067224275805500", "elo"], ["6062825624254001", "hipercard"],
      ["30569309025904", "diners"], ["6011111111111117", "discover"], ["3530111333300000", "jcb"],
    ];
    for (const [number, brand] of cases) expect(cardBrand(number), number).toBe(brand);
    const luhnOk = cases.filter(([n]) => luhnValid(n));
    expect(luhnOk.length).toBeGreaterThanOrEqual(8);
    for (const [number, brand] of luhnOk) expect((await gateway.tokenizeCard(card(number, { cvc: "1234" }))).brand).toBe(brand);
  });

  it("validates number, expiry and cvc, naming the field", async () => {
    setClock(new Date("2026-06-15T12:00:00Z"));
    await expectInputError(gateway.tokenizeCard(card("4242424242424241", { exp_year: 2030 })), "number"); // Luhn
    await expectInputError(gateway.tokenizeCard(card("424242424242", { exp_year: 2030 })), "number"); // 12 digits
    await expectInputError(gateway.tokenizeCard(card("42424242424242424242", { exp_year: 2030 })), "number"); // 20 digits
    await expectInputError(gateway.tokenizeCard(card("4242x24242424242", { exp_year: 2030 })), "number");
    await expectInputError(gateway.tokenizeCard(card("4242424242424242", { exp_month: 13, exp_year: 2030 })), "exp_month");
    await expectInputError(gateway.tokenizeCard(card("4242424242424242", { exp_month: 0, exp_year: 2030 })), "exp_month");
    await expectInputError(gateway.tokenizeCard(card("4242424242424242", { exp_year: 2025 })), "exp_year");
    await expectInputError(gateway.tokenizeCard(card("4242424242424242", { exp_month: 5, exp_year: 2026 })), "exp_month");
    await expectInputError(gateway.tokenizeCard(card("4242424242424242", { exp_year: 2030, cvc: "12" })), "cvc");
    await expectInputError(gateway.tokenizeCard(card("4242424242424242", { exp_year: 2030, cvc: "12345" })), "cvc");
    const thisMonth = await gateway.tokenizeCard(card("4242424242424242", { exp_month: 6, exp_year: 2026 }));
    expect(thisMonth.exp_month).toBe(6);
    const error = await gateway.tokenizeCard(card("4242424242424241", { exp_year: 2030 })).catch((e: Error) => e);
    expect(String((error as Error).message)).not.toContain("4242424242424241");
  });
});

describe("sandbox gateway: card charges", () => {
  it("each test card has its outcome; any other Luhn-valid number succeeds", async () => {
    const outcomes: Array<[string, string | null]> = [
      ["4242424242424242", null], ["5555555555554444", null], ["4000000000009995", "insufficient_funds"],
      ["4000000000000002", "card_declined"], ["4000000000000069", "expired_card"], ["4000000000000119", "processing_error"],
      ["4111111111111111", null], ["378282246310005", null],
    ];
    for (const [number, failure] of outcomes) {
      const { token } = await gateway.tokenizeCard(card(number, { cvc: "1234" }));
      const result = await charge(token);
      expect(result.reference).toMatch(/^ch_[0-9a-f]{24}$/);
      if (failure === null) expect(result, number).toEqual({ status: "succeeded", reference: result.reference });
      else expect(result, number).toMatchObject({ status: "failed", failureCode: failure, failureMessage: expect.any(String) });
    }
  });

  it("an unknown token fails with processing_error; a card that expired since tokenization with expired_card", async () => {
    expect(await charge("tok_unknown")).toMatchObject({ status: "failed", failureCode: "processing_error" });
    setClock(new Date("2026-06-15T12:00:00Z"));
    const { token } = await gateway.tokenizeCard(card("4242424242424242", { exp_month: 6, exp_year: 2026 }));
    expect((await charge(token)).status).toBe("succeeded");
    setClock(new Date("2026-07-01T00:00:00Z"));
    expect(await charge(token)).toMatchObject({ status: "failed", failureCode: "expired_card" });
  });

  it("is idempotent on the key: 10 concurrent calls, one charge, one reference", async () => {
    const { token } = await gateway.tokenizeCard(card("4242424242424242"));
    const k = key();
    const results = await Promise.all(Array.from({ length: 10 }, () => charge(token, 4990, k)));
    expect(new Set(results.map((r) => r.reference)).size).toBe(1);
    expect(results.every((r) => r.status === "succeeded")).toBe(true);
    const rows = await db().select().from(sandboxGatewayCharges).where(sql`${sandboxGatewayCharges.details}->>'token' = ${token}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ idempotencyKey: k, kind: "card", amountCents: 4990, status: "succeeded" });
    // A later retry answers the same, and a declined charge is replayed as declined.
    expect(await charge(token, 4990, k)).toEqual(results[0]);
    const declined = await gateway.tokenizeCard(card("4000000000000002"));
    const dk = key();
    const first = await charge(declined.token, 100, dk);
    expect(await charge(declined.token, 100, dk)).toEqual(first);
  });

  it("refuses a key reused for another amount, card or kind", async () => {
    const { token } = await gateway.tokenizeCard(card("4242424242424242"));
    const k = key();
    await charge(token, 1000, k);
    await expect(charge(token, 2000, k)).rejects.toBeInstanceOf(SandboxIdempotencyError);
    const other = await gateway.tokenizeCard(card("5555555555554444"));
    await expect(charge(other.token, 1000, k)).rejects.toBeInstanceOf(SandboxIdempotencyError);
    await expect(boleto(1000, k)).rejects.toBeInstanceOf(SandboxIdempotencyError);
  });
});

describe("sandbox gateway: boleto and PIX", () => {
  it("issues a FEBRABAN boleto that parses back to its amount and due date; idempotent on the key", async () => {
    const k = key();
    const due = new Date("2026-08-20T00:00:00Z");
    setClock(new Date("2026-08-01T10:00:00Z"));
    const issued = await boleto(123_456, k, due);
    expect(issued.reference).toMatch(/^bol_/);
    expect(issued.dueDate).toBe("2026-08-20");
    const parsed = parseBoletoBarcode(issued.barcode, { referenceDate: new Date("2026-08-01T00:00:00Z") });
    expect(parsed).toMatchObject({ bankCode: "001", currencyCode: "9", amountCents: 123_456 });
    expect(parsed.dueDate?.toISOString().slice(0, 10)).toBe("2026-08-20");
    expect(parseDigitableLine(issued.digitableLine)).toBe(issued.barcode);
    expect(await boleto(123_456, k, due)).toEqual(issued);
    const [row] = await db().select().from(sandboxGatewayCharges).where(eq(sandboxGatewayCharges.reference, issued.reference));
    expect(row).toMatchObject({ kind: "boleto", status: "pending", amountCents: 123_456 });
    await expectInputError(boleto(100, key(), new Date("2026-07-31T00:00:00Z")), "dueDate");
  });

  it("issues a dynamic, single-use BR Code with amount, txid and a valid CRC; idempotent on the key", async () => {
    const k = key();
    const issued = await pix(7990, k);
    expect(issued.reference).toMatch(/^pix_/);
    const parsed = parsePixPayload(issued.payload);
    expect(parsed).toMatchObject({ kind: "dynamic", singleUse: true, amountCents: 7990, txid: issued.txid, merchantName: "Padaria Pao Quente", merchantCity: "SAO PAULO" });
    expect(parsed.url).toContain(issued.txid);
    expect(issued.txid).toMatch(/^[A-Za-z0-9]{25}$/);
    expect(await pix(7990, k)).toEqual(issued);
    expect(() => parsePixPayload(issued.payload.replace("79.90", "19.90"))).toThrow(PixCrcMismatchError);
    await expectInputError(pix(100, key(), new Date(Date.now() - 1000)), "expiresAt");
  });
});

describe("sandbox gateway: refunds", () => {
  it("never more than captured minus earlier refunds; idempotent on the key", async () => {
    const { token } = await gateway.tokenizeCard(card("4242424242424242"));
    const { reference } = await charge(token, 10_000);
    const refund = (amountCents: number, idempotencyKey = key()) => gateway.refund({ idempotencyKey, chargeReference: reference, amountCents });
    const k = key();
    const first = await refund(6000, k);
    expect(first).toMatchObject({ status: "succeeded", reference: expect.stringMatching(/^re_/) });
    expect(await refund(6000, k)).toEqual(first);
    expect(await refund(5000)).toMatchObject({ status: "failed", failureCode: "amount_too_large" });
    expect((await refund(4000)).status).toBe("succeeded");
    expect(await refund(1)).toMatchObject({ status: "failed", failureCode: "amount_too_large" });
    await expect(gateway.refund({ idempotencyKey: k, chargeReference: reference, amountCents: 100 })).rejects.toBeInstanceOf(SandboxIdempotencyError);
  });

  it("concurrent refunds cannot overdraw a charge", async () => {
    const { token } = await gateway.tokenizeCard(card("5555555555554444"));
    const { reference } = await charge(token, 10_000);
    const results = await Promise.all(Array.from({ length: 6 }, () => gateway.refund({ idempotencyKey: key(), chargeReference: reference, amountCents: 3000 })));
    expect(results.filter((r) => r.status === "succeeded")).toHaveLength(3);
    expect(results.filter((r) => r.status === "failed" && r.failureCode === "amount_too_large")).toHaveLength(3);
  });

  it("refuses what was not captured: a declined charge, an unpaid boleto, an unknown reference; refunds a paid one", async () => {
    const declined = await charge((await gateway.tokenizeCard(card("4000000000000002"))).token);
    expect(await gateway.refund({ idempotencyKey: key(), chargeReference: declined.reference, amountCents: 100 })).toMatchObject({ status: "failed", failureCode: "charge_not_refundable" });
    const slip = await boleto(5000);
    const refundSlip = (amountCents: number) => gateway.refund({ idempotencyKey: key(), chargeReference: slip.reference, amountCents });
    expect(await refundSlip(100)).toMatchObject({ status: "failed", failureCode: "charge_not_refundable" });
    await markSandboxChargePaid(db(), slip.reference);
    expect(await refundSlip(5001)).toMatchObject({ status: "failed", failureCode: "amount_too_large" });
    expect((await refundSlip(5000)).status).toBe("succeeded");
    expect(await gateway.refund({ idempotencyKey: key(), chargeReference: "ch_nope", amountCents: 100 })).toMatchObject({ status: "failed", failureCode: "charge_not_found" });
  });
});

describe("sandbox gateway: webhooks", () => {
  it("a paid boleto or PIX comes back as a signed charge.paid event; paying again repeats the same event", async () => {
    const slip = await boleto(7990);
    const first = await markSandboxChargePaid(db(), slip.reference);
    expect(first.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = gateway.parseWebhook(first.body, first.signature);
    expect(event).toMatchObject({ type: "charge.paid", reference: slip.reference, amount_cents: 7990, id: expect.stringMatching(/^evt_/) });
    const again = await markSandboxChargePaid(db(), slip.reference);
    expect(gateway.parseWebhook(again.body, again.signature)).toEqual(event);
    const [row] = await db().select().from(sandboxGatewayCharges).where(eq(sandboxGatewayCharges.reference, slip.reference));
    expect(row!.status).toBe("paid");

    const code = await pix(1500);
    const paid = await markSandboxChargePaid(db(), code.reference);
    expect(gateway.parseWebhook(paid.body, paid.signature)).toMatchObject({ reference: code.reference, amount_cents: 1500 });
  });

  it("rejects a tampered body, a stale or missing signature, another secret", async () => {
    const { body, signature } = await markSandboxChargePaid(db(), (await boleto(2000)).reference);
    expect(() => gateway.parseWebhook(body.replace("2000", "9000"), signature)).toThrow(GatewaySignatureError);
    expect(() => gateway.parseWebhook(body, null)).toThrow(GatewaySignatureError);
    expect(() => gateway.parseWebhook(body, signature.replace(/v1=[0-9a-f]/, "v1=x"))).toThrow(GatewaySignatureError);
    setClock(new Date(Date.now() + 301_000));
    expect(() => gateway.parseWebhook(body, signature)).toThrow(GatewaySignatureError);
    resetClock();
    const old = signSandboxEvent(body, Math.floor(Date.now() / 1000) - 301);
    expect(() => gateway.parseWebhook(body, old)).toThrow(GatewaySignatureError);
    expect(gateway.parseWebhook(body, signSandboxEvent(body, Math.floor(Date.now() / 1000) - 200)).type).toBe("charge.paid");
    const junk = "{}";
    expect(() => gateway.parseWebhook(junk, signSandboxEvent(junk))).toThrow(GatewaySignatureError);
  });

  it("cannot pay a card charge, an unknown reference or an expired PIX", async () => {
    const { reference } = await charge((await gateway.tokenizeCard(card("4242424242424242"))).token);
    await expect(markSandboxChargePaid(db(), reference)).rejects.toThrow(/no boleto or PIX/);
    await expect(markSandboxChargePaid(db(), "bol_nope")).rejects.toThrow(/no boleto or PIX/);
    const code = await pix(1000, key(), new Date(Date.now() + 60_000));
    setClock(new Date(Date.now() + 120_000));
    await expect(markSandboxChargePaid(db(), code.reference)).rejects.toThrow(/expired/);
  });

  it("getGateway returns the sandbox by default and refuses unknown names", () => {
    expect(getGateway().name).toBe("sandbox");
    expect(getGateway("sandbox")).toBe(getGateway());
    expect(() => getGateway("stripe")).toThrow(/unknown payment gateway/);
  });
});
