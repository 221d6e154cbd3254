import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { payments, type BoletoDetails, type PixDetails } from "@/db/schema";

// The boleto and PIX an invoice is waiting on (payments in status `pending`): the newest of each
// kind, and whether it can still be paid. A PIX is dead once it expires; a boleto is kept after its
// due date (banks take late boletos) but offered again, as payers expect a current due date.
export type PendingPix = PixDetails & { payment_id: string; created_at: Date; expired: boolean };
export type PendingBoleto = BoletoDetails & { payment_id: string; created_at: Date; overdue: boolean };
export type PendingInstruments = { pix: PendingPix | null; boleto: PendingBoleto | null };

export async function pendingInstruments(db: DbOrTx, scope: { organizationId: string; invoiceId: string }, at: Date): Promise<PendingInstruments> {
  const rows = await db
    .select({ id: payments.id, methodType: payments.methodType, pix: payments.pix, boleto: payments.boleto, createdAt: payments.createdAt })
    .from(payments)
    .where(and(eq(payments.organizationId, scope.organizationId), eq(payments.invoiceId, scope.invoiceId), eq(payments.status, "pending")))
    .orderBy(desc(payments.createdAt), desc(payments.id));
  const pix = rows.find((r) => r.methodType === "pix" && r.pix);
  const boleto = rows.find((r) => r.methodType === "boleto" && r.boleto);
  const today = at.toISOString().slice(0, 10);
  return {
    pix: pix ? { ...pix.pix!, payment_id: pix.id, created_at: pix.createdAt, expired: new Date(pix.pix!.expires_at).getTime() <= at.getTime() } : null,
    boleto: boleto ? { ...boleto.boleto!, payment_id: boleto.id, created_at: boleto.createdAt, overdue: boleto.boleto!.due_date < today } : null,
  };
}

/** The one instrument a document prints: the newest still payable. */
export function newestPayable(pending: PendingInstruments): { pix: PendingPix | null; boleto: PendingBoleto | null } {
  const pix = pending.pix && !pending.pix.expired ? pending.pix : null;
  const boleto = pending.boleto;
  if (pix && boleto) return pix.created_at >= boleto.created_at ? { pix, boleto: null } : { pix: null, boleto };
  return { pix, boleto };
}
