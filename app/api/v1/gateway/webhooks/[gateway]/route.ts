// POST /api/v1/gateway/webhooks/:gateway — a payment gateway announces a paid boleto / PIX.
// Not an API-key route: the gateway signs the raw body (Sandbox-Signature for the sandbox), so
// the body is read as text and verified before it is parsed.
import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { errorResponse, toApiError } from "@/lib/api/handler";
import { paymentOps } from "@/lib/api/resources/payments";
import { jsonResponse } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { receiveGatewayWebhook } from "@/lib/payments/gateway-webhook";
import { SANDBOX_SIGNATURE_HEADER } from "@/lib/payments/sandbox";

const MAX_BODY_BYTES = 64 * 1024;

async function receive(req: Request, ctx: { params: Promise<{ gateway: string }> }) {
  const requestId = randomUUID();
  try {
    const { gateway } = await ctx.params;
    const raw = await req.text();
    if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw new ApiError("body_too_large", `The body exceeds ${MAX_BODY_BYTES} bytes`);
    const outcome = await receiveGatewayWebhook(getDb(), gateway, raw, req.headers.get(SANDBOX_SIGNATURE_HEADER));
    return jsonResponse(200, { received: true, outcome }, { "Request-Id": requestId });
  } catch (error) {
    return errorResponse(toApiError(error, requestId), requestId, { "Request-Id": requestId });
  }
}

// Documented in the OpenAPI document like every route (the operation describes the body it verifies).
export const POST = Object.assign(receive, { operation: paymentOps.gatewayWebhook });

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
