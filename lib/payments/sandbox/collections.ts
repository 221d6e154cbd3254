// Boleto and PIX charges in the sandbox processor: issued as `pending`, paid later by the payer
// (in the sandbox: markSandboxChargePaid), which the processor announces with a webhook.
import { randomInt } from "node:crypto";
import type { DbOrTx } from "@/db";
import { now } from "@/lib/clock";
import { buildBoletoBarcode, digitableLine, MAX_BOLETO_AMOUNT_CENTS, sandboxFreeField } from "../boleto";
import { GatewayInputError, type BoletoRequest, type IssuedBoleto, type IssuedPix, type PixRequest } from "../gateway";
import { buildPixPayload, MAX_PIX_AMOUNT_CENTS } from "../pix";
import { newReference, recordOnce, requireAmount, requireKey, utcDay } from "./books";

/** Banco do Brasil's COMPE code, convênio and carteira the sandbox's slips carry (identifiers only). */
export const SANDBOX_BANK_CODE = "001";
export const SANDBOX_AGREEMENT = 1234567;
export const SANDBOX_WALLET = 17;
/** Where a dynamic BR Code points (a reserved .invalid name: nothing real answers there). */
export const SANDBOX_PIX_HOST = "pix.sandbox.ciclo.invalid";

const TXID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomTxid(length = 25): string {
  let txid = "";
  for (let i = 0; i < length; i++) txid += TXID_ALPHABET[randomInt(TXID_ALPHABET.length)];
  return txid;
}

/**
 * A FEBRABAN boleto: bank 001, the due date as its due factor, the amount, and a free field
 * whose "nosso número" is a random 10-digit sequence. Idempotent on the key.
 */
export async function issueBoleto(db: DbOrTx, request: BoletoRequest): Promise<IssuedBoleto> {
  requireKey(request.idempotencyKey);
  requireAmount(request.amountCents, MAX_BOLETO_AMOUNT_CENTS);
  if (!(request.dueDate instanceof Date) || Number.isNaN(request.dueDate.getTime())) throw new RangeError("dueDate must be a valid Date");
  if (utcDay(request.dueDate) < utcDay(now())) throw new GatewayInputError("dueDate", "must be today or later");
  const ourNumber = randomInt(10_000_000_000);
  const barcode = buildBoletoBarcode({
    bankCode: SANDBOX_BANK_CODE,
    dueDate: request.dueDate,
    amountCents: request.amountCents,
    freeField: sandboxFreeField({ agreement: SANDBOX_AGREEMENT, ourNumber, wallet: SANDBOX_WALLET }),
  });
  const row = await recordOnce(db, {
    reference: newReference("boleto"),
    idempotencyKey: request.idempotencyKey,
    kind: "boleto",
    amountCents: request.amountCents,
    status: "pending",
    details: {
      barcode,
      digitable_line: digitableLine(barcode),
      due_date: utcDay(request.dueDate),
      our_number: ourNumber,
      payer: request.payer,
      description: request.description,
      amount_refunded_cents: 0,
    },
  });
  const d = row.details as { barcode: string; digitable_line: string; due_date: string };
  return { reference: row.reference, barcode: d.barcode, digitableLine: d.digitable_line, dueDate: d.due_date };
}

/** A dynamic, single-use BR Code with the amount, a 25-character txid and an expiry. Idempotent on the key. */
export async function issuePix(db: DbOrTx, request: PixRequest): Promise<IssuedPix> {
  requireKey(request.idempotencyKey);
  requireAmount(request.amountCents, MAX_PIX_AMOUNT_CENTS);
  if (!(request.expiresAt instanceof Date) || Number.isNaN(request.expiresAt.getTime())) throw new RangeError("expiresAt must be a valid Date");
  if (request.expiresAt.getTime() <= now().getTime()) throw new GatewayInputError("expiresAt", "must be in the future");
  const txid = randomTxid();
  const payload = buildPixPayload({
    url: `${SANDBOX_PIX_HOST}/v2/cob/${txid}`,
    merchantName: request.merchantName,
    merchantCity: request.merchantCity,
    amountCents: request.amountCents,
    txid,
    description: request.description,
  });
  const row = await recordOnce(db, {
    reference: newReference("pix"),
    idempotencyKey: request.idempotencyKey,
    kind: "pix",
    amountCents: request.amountCents,
    status: "pending",
    details: {
      payload,
      txid,
      expires_at: request.expiresAt.toISOString(),
      payer: request.payer,
      description: request.description,
      amount_refunded_cents: 0,
    },
  });
  const d = row.details as { payload: string; txid: string; expires_at: string };
  return { reference: row.reference, payload: d.payload, txid: d.txid, expiresAt: d.expires_at };
}
