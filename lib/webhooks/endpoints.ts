import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { webhookEndpoints, type WebhookEndpoint } from "@/db/schema";
import { ApiError, notFound } from "@/lib/api/errors";
import { text } from "@/lib/api/fields";
import { listPage } from "@/lib/api/pagination";
import { seal } from "@/lib/crypto/secret-box";
import { EVENT_TYPES } from "./event-types";
import { generateWebhookSecret } from "./signature";

type Scope = { organizationId: string; mode: "live" | "test" };

const eventsInput = z
  .array(z.enum(["*", ...EVENT_TYPES]))
  .min(1, "subscribe to at least one event type, or \"*\"")
  .max(100)
  .refine((list) => new Set(list).size === list.length, "lists an event type twice")
  .meta({ description: `Event types to receive, or ["*"] for all: ${EVENT_TYPES.join(", ")}` });

export const createEndpointInput = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048),
  events: eventsInput,
  description: text(500).nullish(),
});
export const updateEndpointInput = z
  .strictObject({ url: createEndpointInput.shape.url, events: eventsInput, description: text(500).nullable(), status: z.enum(["enabled", "disabled"]) })
  .partial();

const PRIVATE_HOST = /^(localhost|.*\.localhost|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|\[f[cd][0-9a-f:]*\]|\[fe80:[0-9a-f:]*\])$/i;

/** Live endpoints must be HTTPS on a public host; sandbox ones may be http://localhost for development. */
function assertUrlAllowed(url: string, mode: Scope["mode"]): void {
  if (mode === "test") return;
  const u = new URL(url);
  if (u.protocol !== "https:") throw new ApiError("validation_failed", "Invalid url: live endpoints must use https", { param: "url" });
  if (PRIVATE_HOST.test(u.hostname)) throw new ApiError("validation_failed", "Invalid url: live endpoints must be on a public host", { param: "url" });
}

const byId = (organizationId: string, id: string) => and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organizationId, organizationId));

/** The secret is returned here (and by rollEndpointSecret) only; it is stored encrypted. */
export async function createEndpoint(db: DbOrTx, scope: Scope, input: z.output<typeof createEndpointInput>) {
  assertUrlAllowed(input.url, scope.mode);
  const secret = generateWebhookSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ organizationId: scope.organizationId, url: input.url, events: input.events, description: input.description ?? null, secretCiphertext: seal(secret, "webhook-secret") })
    .returning();
  return { endpoint: row!, secret };
}

export async function getEndpointOrThrow(db: DbOrTx, scope: { organizationId: string; id: string }): Promise<WebhookEndpoint> {
  const [row] = await db.select().from(webhookEndpoints).where(byId(scope.organizationId, scope.id));
  if (!row) throw notFound("webhook endpoint", scope.id);
  return row;
}

export async function listEndpoints(db: DbOrTx, scope: { organizationId: string }, q: { limit: number; cursor?: string }) {
  return listPage(db, webhookEndpoints, scope, [], q);
}

export async function updateEndpoint(db: DbOrTx, scope: Scope & { id: string }, input: z.output<typeof updateEndpointInput>) {
  await getEndpointOrThrow(db, scope);
  if (input.url !== undefined) assertUrlAllowed(input.url, scope.mode);
  const [row] = await db
    .update(webhookEndpoints)
    .set({ ...input, updatedAt: new Date() })
    .where(byId(scope.organizationId, scope.id))
    .returning();
  return row!;
}

export async function rollEndpointSecret(db: DbOrTx, scope: { organizationId: string; id: string }) {
  await getEndpointOrThrow(db, scope);
  const secret = generateWebhookSecret();
  const [row] = await db
    .update(webhookEndpoints)
    .set({ secretCiphertext: seal(secret, "webhook-secret"), updatedAt: new Date() })
    .where(byId(scope.organizationId, scope.id))
    .returning();
  return { endpoint: row!, secret };
}

/** Deleting an endpoint drops its pending deliveries (their history goes with it). */
export async function deleteEndpoint(db: DbOrTx, scope: { organizationId: string; id: string }) {
  await getEndpointOrThrow(db, scope);
  await db.delete(webhookEndpoints).where(byId(scope.organizationId, scope.id));
  return { id: scope.id };
}
