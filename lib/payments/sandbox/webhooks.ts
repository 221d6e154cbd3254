// The sandbox processor's webhooks: a boleto or PIX is paid, the processor POSTs a signed event.
//
//   Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
//
// The same scheme as Ciclo's own outgoing webhooks (lib/webhooks/signature.ts), with a secret
// derived from APP_SECRET. Timestamps are business time (lib/clock), so tests and the renewal
// simulation that move the clock see the 5-minute tolerance move with it.
import { createHmac, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { sandboxGatewayCharges } from "@/db/schema";
import { now } from "@/lib/clock";
import { DEFAULT_TOLERANCE_SECONDS, signPayload, verifySignature } from "@/lib/webhooks/signature";
import { GatewaySignatureError, type GatewayEvent } from "../gateway";
import { chargeByReference } from "./books";

export const SANDBOX_SIGNATURE_HEADER = "Sandbox-Signature";
const SECRET_LABEL = "ciclo:sandbox-gateway:webhook-signing:v1";

/** HMAC-SHA256(APP_SECRET, fixed label), hex: stable across restarts and nodes, never stored. */
export function sandboxWebhookSecret(): string {
  const secret = process.env.APP_SECRET;
  if (!secret) throw new Error("APP_SECRET is not set: it derives the sandbox gateway's webhook signing secret");
  return createHmac("sha256", secret).update(SECRET_LABEL).digest("hex");
}

const unixNow = () => Math.floor(now().getTime() / 1000);

export function signSandboxEvent(body: string, timestamp = unixNow()): string {
  return signPayload(sandboxWebhookSecret(), body, timestamp);
}

type PaidDetails = { expires_at?: string; paid_at?: string; event_id?: string };

/**
 * The payer pays a pending boleto or PIX: the books mark it paid and the signed webhook the
 * processor would send comes back. Idempotent: paying again returns an event for the same
 * payment with the same event id (a redelivery, freshly signed). An unknown reference, a card
 * charge or an expired PIX throws.
 */
export async function markSandboxChargePaid(db: DbOrTx, reference: string): Promise<{ body: string; signature: string }> {
  const event = await db.transaction(async (tx) => {
    const charge = await chargeByReference(tx, reference, { forUpdate: true });
    if (!charge || (charge.kind !== "boleto" && charge.kind !== "pix")) throw new Error(`sandbox gateway: no boleto or PIX charge '${reference}'`);
    let details = charge.details as PaidDetails & Record<string, unknown>;
    if (charge.status !== "paid") {
      const at = now();
      if (charge.kind === "pix" && details.expires_at && new Date(details.expires_at).getTime() <= at.getTime()) {
        throw new Error(`sandbox gateway: PIX charge '${reference}' expired at ${details.expires_at} and can no longer be paid`);
      }
      details = { ...details, paid_at: at.toISOString(), event_id: `evt_${randomBytes(12).toString("hex")}` };
      await tx.update(sandboxGatewayCharges).set({ status: "paid", details }).where(eq(sandboxGatewayCharges.reference, reference));
    }
    return { id: details.event_id!, type: "charge.paid", reference, amount_cents: charge.amountCents, paid_at: details.paid_at! } satisfies GatewayEvent;
  });
  const body = JSON.stringify(event);
  return { body, signature: signSandboxEvent(body) };
}

const gatewayEvent = z.strictObject({
  id: z.string().min(1),
  type: z.literal("charge.paid"),
  reference: z.string().min(1),
  amount_cents: z.number().int().positive(),
  paid_at: z.iso.datetime(),
});

/** Verifies the Sandbox-Signature header over the raw body (5-minute tolerance), then parses the event. */
export function parseSandboxWebhook(rawBody: string, signatureHeader: string | null): GatewayEvent {
  const ok = verifySignature(signatureHeader, rawBody, sandboxWebhookSecret(), { now: unixNow(), toleranceSeconds: DEFAULT_TOLERANCE_SECONDS });
  if (!ok) throw new GatewaySignatureError(`${SANDBOX_SIGNATURE_HEADER} is missing, does not match the body, or is older than 5 minutes`);
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new GatewaySignatureError("the signed body is not JSON");
  }
  const parsed = gatewayEvent.safeParse(json);
  if (!parsed.success) throw new GatewaySignatureError("the signed body is not a sandbox gateway event");
  return parsed.data;
}
