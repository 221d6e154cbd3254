// The sandbox processor's books (sandbox_gateway_charges): one row per idempotency key, ever.
// These tables play the processor's own database, so they are written on the sandbox's own
// connection, never inside the caller's transaction: a rollback on Ciclo's side does not undo
// what the "processor" did, exactly as with a real one.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { sandboxGatewayCharges } from "@/db/schema";

export type SandboxCharge = typeof sandboxGatewayCharges.$inferSelect;
export type NewSandboxCharge = typeof sandboxGatewayCharges.$inferInsert;
export type ChargeKind = SandboxCharge["kind"];

/** The reference a processor hands back: a prefix per kind and 96 random bits. */
export function newReference(kind: ChargeKind): string {
  const prefix = { card: "ch", boleto: "bol", pix: "pix", refund: "re" }[kind];
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

/** The same idempotency key sent with another request: a bug on the caller's side, never a retry. */
export class SandboxIdempotencyError extends Error {
  constructor(key: string, what: string) {
    super(`idempotency key '${key}' was first used for a different request (${what})`);
    this.name = "SandboxIdempotencyError";
  }
}

export async function chargeByKey(db: DbOrTx, idempotencyKey: string): Promise<SandboxCharge | undefined> {
  const [row] = await db.select().from(sandboxGatewayCharges).where(eq(sandboxGatewayCharges.idempotencyKey, idempotencyKey));
  return row;
}

export async function chargeByReference(db: DbOrTx, reference: string, options: { forUpdate?: boolean } = {}): Promise<SandboxCharge | undefined> {
  const query = db.select().from(sandboxGatewayCharges).where(eq(sandboxGatewayCharges.reference, reference));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  return row;
}

/**
 * Records `row` unless its idempotency key is already in the books, and returns what the books
 * hold for the key: insert … on conflict do nothing, then read. Two concurrent calls with one
 * key both get the first writer's row (the second insert waits for the first to commit).
 * A stored row of another kind or amount means the key was reused for another request.
 */
export async function recordOnce(db: DbOrTx, row: NewSandboxCharge): Promise<SandboxCharge> {
  const [inserted] = await db
    .insert(sandboxGatewayCharges)
    .values(row)
    .onConflictDoNothing({ target: sandboxGatewayCharges.idempotencyKey })
    .returning();
  const stored = inserted ?? (await chargeByKey(db, row.idempotencyKey));
  if (!stored) throw new Error(`sandbox gateway: charge for idempotency key '${row.idempotencyKey}' vanished`);
  if (stored.kind !== row.kind || stored.amountCents !== row.amountCents) {
    throw new SandboxIdempotencyError(row.idempotencyKey, `${stored.kind} of ${stored.amountCents} cents`);
  }
  return stored;
}

export function requireKey(idempotencyKey: string): void {
  if (typeof idempotencyKey !== "string" || idempotencyKey.length === 0 || idempotencyKey.length > 255) {
    throw new RangeError("idempotencyKey must be a non-empty string of at most 255 characters");
  }
}

export function requireAmount(amountCents: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0 || amountCents > max) {
    throw new RangeError(`amountCents must be a whole number of cents from 1 to ${max}, got ${amountCents}`);
  }
}

/** A calendar day (UTC) as YYYY-MM-DD. */
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);
