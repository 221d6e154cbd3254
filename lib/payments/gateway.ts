// The payment gateway interface. Ciclo talks to processors only through this: the built-in
// sandbox gateway (lib/payments/sandbox) implements it today; real gateways plug in behind it.
//
// Every money-moving call carries our idempotency key: calling again with the same key returns
// the first call's result and never moves money twice (a retried job, two racing workers).

export const DECLINE_CODES = ["insufficient_funds", "card_declined", "expired_card", "processing_error"] as const;
export type DeclineCode = (typeof DECLINE_CODES)[number];

export type CardInput = { number: string; exp_month: number; exp_year: number; cvc: string; holder_name?: string };
export type TokenizedCard = { token: string; brand: string; last4: string; exp_month: number; exp_year: number };

export type CardCharge = { idempotencyKey: string; token: string; amountCents: number; currency: string; description: string };
export type ChargeResult =
  | { status: "succeeded"; reference: string }
  | { status: "failed"; reference: string; failureCode: DeclineCode; failureMessage: string };

export type Payer = { name: string; document: string | null; email: string };

export type BoletoRequest = { idempotencyKey: string; amountCents: number; dueDate: Date; payer: Payer; description: string };
export type IssuedBoleto = { reference: string; barcode: string; digitableLine: string; dueDate: string };

export type PixRequest = { idempotencyKey: string; amountCents: number; expiresAt: Date; payer: Payer; merchantName: string; merchantCity: string; description: string };
export type IssuedPix = { reference: string; payload: string; txid: string; expiresAt: string };

export type RefundRequest = { idempotencyKey: string; chargeReference: string; amountCents: number };
export type RefundResult = { status: "succeeded"; reference: string } | { status: "failed"; reference: string; failureCode: string };

/** What a gateway tells us asynchronously (boleto / PIX paid), after its signature checked out. */
export type GatewayEvent = { id: string; type: "charge.paid"; reference: string; amount_cents: number; paid_at: string };

export class GatewayInputError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = "GatewayInputError";
  }
}

export class GatewaySignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GatewaySignatureError";
  }
}

export interface PaymentGateway {
  readonly name: string;
  /** Card data goes to the gateway only; we keep the token, brand, last4 and expiry. Throws GatewayInputError. */
  tokenizeCard(card: CardInput): Promise<TokenizedCard>;
  /** What the gateway holds for a token (brand, last4, expiry), or null when it knows no such token. */
  retrieveCardToken(token: string): Promise<TokenizedCard | null>;
  chargeCard(charge: CardCharge): Promise<ChargeResult>;
  issueBoleto(request: BoletoRequest): Promise<IssuedBoleto>;
  issuePix(request: PixRequest): Promise<IssuedPix>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /** Verifies the webhook's signature (GatewaySignatureError when it does not check out) and parses it. */
  parseWebhook(rawBody: string, signatureHeader: string | null): GatewayEvent;
}
