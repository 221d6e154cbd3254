import type { CheckoutResult } from "@/lib/checkout/complete";
import type { CheckoutErrorCode } from "@/lib/checkout/errors";
import type { CheckoutQuote } from "@/lib/checkout/quote";

// What the checkout's server actions answer (app/.../checkout/[slug]/actions.ts).
export type Refusal = { ok: false; code: CheckoutErrorCode | "not_found"; fields: Record<string, string> };
export type QuoteState = { ok: true; quote: CheckoutQuote } | Refusal;
export type CompletedState = { ok: true; result: CheckoutResult; digitableLine: string | null; portalLink: string | null; portalUrl: string };
export type CompleteState = CompletedState | Refusal;

/** Framed (?embed=1): the merchant's allowed origins, and the origin the snippet named, if any. */
export type EmbedContext = { allowedOrigins: string[]; requestedOrigin: string | null };

export type CheckoutActions = {
  quote: (selection: unknown) => Promise<QuoteState>;
  complete: (payload: unknown, options: { embed: boolean }) => Promise<CompleteState>;
};
