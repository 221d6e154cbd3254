// Refunds in the sandbox processor: against a captured card charge or a paid boleto/PIX, never
// more than what was captured minus earlier refunds. A refused refund is recorded too (with its
// failure code), so asking again with the same key gives the same answer.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { sandboxGatewayCharges } from "@/db/schema";
import type { RefundRequest, RefundResult } from "../gateway";
import { chargeByKey, chargeByReference, newReference, recordOnce, requireAmount, requireKey, SandboxIdempotencyError, type SandboxCharge } from "./books";

export const REFUND_FAILURE_CODES = ["charge_not_found", "charge_not_refundable", "amount_too_large"] as const;
export type RefundFailureCode = (typeof REFUND_FAILURE_CODES)[number];

const refundedSoFar = (charge: SandboxCharge) => Number((charge.details as { amount_refunded_cents?: number }).amount_refunded_cents ?? 0);

/** Whether money was captured: a succeeded card charge, a paid boleto or PIX. */
const captured = (charge: SandboxCharge) =>
  (charge.kind === "card" && charge.status === "succeeded") || ((charge.kind === "boleto" || charge.kind === "pix") && charge.status === "paid");

function refusal(charge: SandboxCharge | undefined, amountCents: number): RefundFailureCode | null {
  if (!charge || charge.kind === "refund") return "charge_not_found";
  if (!captured(charge)) return "charge_not_refundable";
  return amountCents > charge.amountCents - refundedSoFar(charge) ? "amount_too_large" : null;
}

function result(row: SandboxCharge, request: RefundRequest): RefundResult {
  const charge = (row.details as { charge?: string }).charge;
  if (row.kind !== "refund" || charge !== request.chargeReference || row.amountCents !== request.amountCents) {
    throw new SandboxIdempotencyError(request.idempotencyKey, `${row.kind} of ${row.amountCents} cents${charge ? ` against ${charge}` : ""}`);
  }
  return row.status === "succeeded"
    ? { status: "succeeded", reference: row.reference }
    : { status: "failed", reference: row.reference, failureCode: row.failureCode ?? "refund_failed" };
}

/** Idempotent on the key; the refunded charge is locked, so concurrent refunds cannot overdraw it. */
export async function refund(db: DbOrTx, request: RefundRequest): Promise<RefundResult> {
  requireKey(request.idempotencyKey);
  requireAmount(request.amountCents);
  return db.transaction(async (tx) => {
    const charge = await chargeByReference(tx, request.chargeReference, { forUpdate: true });
    const earlier = await chargeByKey(tx, request.idempotencyKey);
    if (earlier) return result(earlier, request);
    const failure = refusal(charge, request.amountCents);
    if (!failure && charge) {
      await tx
        .update(sandboxGatewayCharges)
        .set({ details: { ...charge.details, amount_refunded_cents: refundedSoFar(charge) + request.amountCents } })
        .where(eq(sandboxGatewayCharges.reference, charge.reference));
    }
    const row = await recordOnce(tx, {
      reference: newReference("refund"),
      idempotencyKey: request.idempotencyKey,
      kind: "refund",
      amountCents: request.amountCents,
      status: failure ? "failed" : "succeeded",
      failureCode: failure,
      details: { charge: request.chargeReference },
    });
    return result(row, request);
  });
}
