import { z } from "zod";
import type { CicloEvent, WebhookDelivery, WebhookEndpoint } from "@/db/schema";
import { createEndpointInput, updateEndpointInput } from "@/lib/webhooks/endpoints";
import { idParams } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";
import { iso } from "../response";

export const webhookEndpointObject = z
  .object({
    id: z.uuid(),
    object: z.literal("webhook_endpoint"),
    livemode: z.boolean(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()),
    status: z.enum(["enabled", "disabled"]),
    secret: z.string().optional().meta({ description: "Signing secret (whsec_…): only in the responses of create and roll_secret" }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "WebhookEndpoint" });

export function serializeEndpoint(row: WebhookEndpoint, mode: "live" | "test", secret?: string): z.output<typeof webhookEndpointObject> {
  return {
    id: row.id,
    object: "webhook_endpoint",
    livemode: mode === "live",
    url: row.url,
    description: row.description,
    events: row.events,
    status: row.status,
    ...(secret !== undefined && { secret }),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export const webhookDeliveryObject = z
  .object({
    id: z.uuid(),
    object: z.literal("webhook_delivery"),
    endpoint_id: z.uuid(),
    event_id: z.uuid(),
    status: z.enum(["pending", "succeeded", "failed"]),
    attempt_count: z.number().int(),
    next_attempt_at: z.iso.datetime().nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    last_response_body: z.string().nullable().meta({ description: "First 2 000 characters of the endpoint's last answer" }),
    delivered_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "WebhookDelivery" });

export function serializeDelivery(row: WebhookDelivery): z.output<typeof webhookDeliveryObject> {
  return {
    id: row.id,
    object: "webhook_delivery",
    endpoint_id: row.endpointId,
    event_id: row.eventId,
    status: row.status,
    attempt_count: row.attemptCount,
    next_attempt_at: row.status === "pending" ? iso(row.nextAttemptAt) : null,
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    last_response_body: row.lastResponseBody,
    delivered_at: iso(row.deliveredAt),
    created_at: row.createdAt.toISOString(),
  };
}

export const eventObject = z
  .object({ id: z.uuid(), object: z.literal("event"), livemode: z.boolean(), type: z.string(), data: z.object({ object: z.record(z.string(), z.unknown()) }), created_at: z.iso.datetime() })
  .meta({ id: "Event" });

export function serializeEvent(row: CicloEvent, mode: "live" | "test"): z.output<typeof eventObject> {
  return { id: row.id, object: "event", livemode: mode === "live", type: row.type, data: { object: row.data }, created_at: row.createdAt.toISOString() };
}

const tag = "webhooks";
const read = "webhooks:read";
const write = "webhooks:write";
const endpointDeleted = z.object({ id: z.uuid(), object: z.literal("webhook_endpoint"), deleted: z.literal(true) });

export const webhookOps = {
  createEndpoint: defineOperation({
    operationId: "createWebhookEndpoint", method: "POST", path: "/webhook_endpoints", tag, summary: "Create a webhook endpoint",
    description: "Live endpoints must be HTTPS on a public host. The response carries the signing `secret`, shown only here and on roll_secret.",
    scope: write, body: createEndpointInput, response: webhookEndpointObject, successStatus: 201,
  }),
  listEndpoints: defineOperation({
    operationId: "listWebhookEndpoints", method: "GET", path: "/webhook_endpoints", tag, summary: "List webhook endpoints",
    scope: read, query: z.strictObject({ ...listQueryShape }), response: listEnvelope(webhookEndpointObject), list: true,
  }),
  retrieveEndpoint: defineOperation({
    operationId: "retrieveWebhookEndpoint", method: "GET", path: "/webhook_endpoints/{id}", tag, summary: "Retrieve a webhook endpoint",
    scope: read, params: idParams, response: webhookEndpointObject, resourceName: "webhook endpoint",
  }),
  updateEndpoint: defineOperation({
    operationId: "updateWebhookEndpoint", method: "PATCH", path: "/webhook_endpoints/{id}", tag, summary: "Update a webhook endpoint (url, events, description, status)",
    scope: write, params: idParams, body: updateEndpointInput, response: webhookEndpointObject, resourceName: "webhook endpoint",
  }),
  deleteEndpoint: defineOperation({
    operationId: "deleteWebhookEndpoint", method: "DELETE", path: "/webhook_endpoints/{id}", tag, summary: "Delete a webhook endpoint",
    scope: write, params: idParams, response: endpointDeleted, resourceName: "webhook endpoint",
  }),
  rollSecret: defineOperation({
    operationId: "rollWebhookEndpointSecret", method: "POST", path: "/webhook_endpoints/{id}/roll_secret", tag, summary: "Replace the signing secret",
    description: "Deliveries from now on are signed with the new secret, which this response carries.",
    scope: write, params: idParams, response: webhookEndpointObject, resourceName: "webhook endpoint",
  }),
  listDeliveries: defineOperation({
    operationId: "listWebhookDeliveries", method: "GET", path: "/webhook_endpoints/{id}/deliveries", tag, summary: "An endpoint's delivery log",
    scope: read, params: idParams, resourceName: "webhook endpoint",
    query: z.strictObject({ ...listQueryShape, status: z.enum(["pending", "succeeded", "failed"]).optional() }),
    response: listEnvelope(webhookDeliveryObject), list: true,
  }),
  resend: defineOperation({
    operationId: "resendWebhookDelivery", method: "POST", path: "/webhook_deliveries/{id}/resend", tag, summary: "Send a delivery again now",
    scope: write, params: idParams, response: webhookDeliveryObject, resourceName: "webhook delivery",
  }),
  listEvents: defineOperation({
    operationId: "listEvents", method: "GET", path: "/events", tag: "events", summary: "List events (what webhooks deliver)",
    scope: read, query: z.strictObject({ ...listQueryShape, type: z.string().max(100).optional() }), response: listEnvelope(eventObject), list: true,
  }),
  retrieveEvent: defineOperation({
    operationId: "retrieveEvent", method: "GET", path: "/events/{id}", tag: "events", summary: "Retrieve an event",
    scope: read, params: idParams, response: eventObject,
  }),
};
