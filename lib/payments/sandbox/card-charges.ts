// Cards in the sandbox processor: the vault (tokens) and card charges.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { sandboxGatewayTokens } from "@/db/schema";
import { now } from "@/lib/clock";
import { DECLINE_CODES, type CardCharge, type CardInput, type ChargeResult, type DeclineCode, type TokenizedCard } from "../gateway";
import { newReference, recordOnce, requireAmount, requireKey, SandboxIdempotencyError, type SandboxCharge } from "./books";
import { cardExpired, DECLINE_MESSAGES, validateCard } from "./cards";

const TOKEN_PATTERN = /^tok_[0-9a-f]{40}$/;

/** Stores brand, last4, expiry and the scripted outcome under a random token (160 bits); never the number. */
export async function tokenizeCard(db: DbOrTx, card: CardInput): Promise<TokenizedCard> {
  const valid = validateCard(card, now());
  const token = `tok_${randomBytes(20).toString("hex")}`;
  await db.insert(sandboxGatewayTokens).values({
    token,
    brand: valid.brand,
    last4: valid.last4,
    expMonth: valid.exp_month,
    expYear: valid.exp_year,
    outcome: valid.outcome,
  });
  return { token, brand: valid.brand, last4: valid.last4, exp_month: valid.exp_month, exp_year: valid.exp_year };
}

type StoredToken = typeof sandboxGatewayTokens.$inferSelect;

async function findToken(db: DbOrTx, token: string): Promise<StoredToken | undefined> {
  if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) return undefined;
  const [row] = await db.select().from(sandboxGatewayTokens).where(eq(sandboxGatewayTokens.token, token));
  return row;
}

/** What the vault knows of a token (brand, last4, expiry), or null for an unknown token. */
export async function retrieveCardToken(db: DbOrTx, token: string): Promise<TokenizedCard | null> {
  const row = await findToken(db, token);
  return row ? { token: row.token, brand: row.brand, last4: row.last4, exp_month: row.expMonth, exp_year: row.expYear } : null;
}

/** The decline a charge gets: the test card's script, or expiry passed by charge time. */
function declineFor(row: StoredToken | undefined, at: Date): DeclineCode | null {
  if (!row) return "processing_error";
  if ((DECLINE_CODES as readonly string[]).includes(row.outcome ?? "")) return row.outcome as DeclineCode;
  return cardExpired(row.expMonth, row.expYear, at) ? "expired_card" : null;
}

export function chargeResult(row: SandboxCharge): ChargeResult {
  if (row.status === "succeeded") return { status: "succeeded", reference: row.reference };
  const code = row.failureCode as DeclineCode;
  return { status: "failed", reference: row.reference, failureCode: code, failureMessage: DECLINE_MESSAGES[code] ?? "The charge failed" };
}

/**
 * Captures at once (no separate authorization). Idempotent on the key: a second call, even a
 * concurrent one, returns the first call's result and records nothing new.
 */
export async function chargeCard(db: DbOrTx, charge: CardCharge): Promise<ChargeResult> {
  requireKey(charge.idempotencyKey);
  requireAmount(charge.amountCents);
  if (!/^[A-Z]{3}$/.test(charge.currency)) throw new RangeError(`currency must be an ISO 4217 code such as BRL, got ${JSON.stringify(charge.currency)}`);
  const token = await findToken(db, charge.token);
  const decline = declineFor(token, now());
  const row = await recordOnce(db, {
    reference: newReference("card"),
    idempotencyKey: charge.idempotencyKey,
    kind: "card",
    amountCents: charge.amountCents,
    status: decline ? "failed" : "succeeded",
    failureCode: decline,
    details: {
      token: charge.token,
      currency: charge.currency,
      description: charge.description,
      ...(token && { brand: token.brand, last4: token.last4 }),
      amount_refunded_cents: 0,
    },
  });
  if ((row.details as { token?: string }).token !== charge.token) throw new SandboxIdempotencyError(charge.idempotencyKey, "a charge of another card");
  return chargeResult(row);
}
