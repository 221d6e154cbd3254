// The built-in sandbox gateway: a processor that behaves like a real one (tokens, declines,
// idempotent captures, boletos, PIX, refunds, signed webhooks), keeping its books in
// sandbox_gateway_tokens / sandbox_gateway_charges. See docs/payments.md for the test cards.
import { getDb, type DbOrTx } from "@/db";
import type { PaymentGateway } from "../gateway";
import { chargeCard, retrieveCardToken, tokenizeCard } from "./card-charges";
import { issueBoleto, issuePix } from "./collections";
import { refund } from "./refunds";
import { parseSandboxWebhook } from "./webhooks";

/**
 * `db` is read at each call (default: the process pool), never a caller's transaction: the
 * processor's books do not roll back with Ciclo's. Call it outside your own transactions.
 */
export function createSandboxGateway(db: () => DbOrTx = getDb): PaymentGateway {
  return {
    name: "sandbox",
    tokenizeCard: (card) => tokenizeCard(db(), card),
    retrieveCardToken: (token) => retrieveCardToken(db(), token),
    chargeCard: (charge) => chargeCard(db(), charge),
    issueBoleto: (request) => issueBoleto(db(), request),
    issuePix: (request) => issuePix(db(), request),
    refund: (request) => refund(db(), request),
    parseWebhook: (rawBody, header) => parseSandboxWebhook(rawBody, header),
  };
}

export { SandboxIdempotencyError } from "./books";
export { cardBrand, luhnValid, TEST_CARDS } from "./cards";
export { REFUND_FAILURE_CODES, type RefundFailureCode } from "./refunds";
export { markSandboxChargePaid, parseSandboxWebhook, SANDBOX_SIGNATURE_HEADER, sandboxWebhookSecret, signSandboxEvent } from "./webhooks";
