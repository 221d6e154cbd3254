// POST /api/v1/gateway/sandbox/tokens — tokenize a card with the sandbox gateway (no API key; the number is never stored or logged)
import { withApi } from "@/lib/api/handler";
import { paymentMethodOps, serializeCardToken } from "@/lib/api/resources/payment-methods";
import { created } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { createCardToken } from "@/lib/payment-methods/card-tokens";

export const POST = withApi(paymentMethodOps.tokenize, async ({ body }) => created(serializeCardToken(await createCardToken(body))));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
