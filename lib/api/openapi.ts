import { z } from "zod";
import { errorStatuses } from "./errors";
import type { Operation } from "./operation";
import { billingAccountOps } from "./resources/billing-accounts";
import { couponOps } from "./resources/coupons";
import { creditOps } from "./resources/credits";
import { domainOps } from "./resources/domains";
import { discountCodeOps } from "./resources/discount-codes";
import { organizationOps } from "./resources/organization";
import { paymentMethodOps } from "./resources/payment-methods";
import { portalSettingsOps } from "./resources/portal-settings";
import { portalSsoOps } from "./resources/portal-sso";
import { portalUserOps } from "./resources/portal-users";
import { paymentOps } from "./resources/payments";
import { invoiceOps } from "./resources/invoices";
import { planChangeRuleOps } from "./resources/plan-change-rules";
import { planGroupOps } from "./resources/plan-groups";
import { planOps } from "./resources/plans";
import { platformOps } from "./resources/platform";
import { priceOps } from "./resources/prices";
import { productGroupOps } from "./resources/product-groups";
import { productOps } from "./resources/products";
import { proposalOps } from "./resources/proposals";
import { serviceItemOps } from "./resources/service-items";
import { subscriptionOps } from "./resources/subscriptions";
import { usageOps } from "./resources/usage";
import { webhookOps } from "./resources/webhooks";

// The OpenAPI 3.1 document, generated from the operations the route handlers validate with.
export const operations: Operation[] = [
  ...Object.values(platformOps),
  ...Object.values(organizationOps),
  ...Object.values(portalSettingsOps),
  ...Object.values(portalSsoOps),
  ...Object.values(portalUserOps),
  ...Object.values(domainOps),
  ...Object.values(billingAccountOps),
  ...Object.values(serviceItemOps),
  ...Object.values(productGroupOps),
  ...Object.values(productOps),
  ...Object.values(priceOps),
  ...Object.values(planGroupOps),
  ...Object.values(planOps),
  ...Object.values(planChangeRuleOps),
  ...Object.values(couponOps),
  ...Object.values(discountCodeOps),
  ...Object.values(creditOps),
  ...Object.values(paymentMethodOps),
  ...Object.values(subscriptionOps),
  ...Object.values(proposalOps),
  ...Object.values(invoiceOps),
  ...Object.values(paymentOps),
  ...Object.values(usageOps),
  ...Object.values(webhookOps),
];

type Json = Record<string, unknown>;

/** zod -> JSON Schema 2020-12 (OpenAPI 3.1's dialect); named schemas become components. */
function schemaOf(schema: z.ZodType, io: "input" | "output", components: Json): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  const defs = (json.$defs ?? {}) as Record<string, Json>;
  delete json.$defs;
  delete json.$schema;
  for (const [name, def] of Object.entries(defs)) components[name] = rewriteRefs(def);
  const id = typeof json.id === "string" ? json.id : null;
  if (id) {
    delete json.id;
    components[id] = rewriteRefs(json);
    return { $ref: `#/components/schemas/${id}` };
  }
  return rewriteRefs(json) as Json;
}

function rewriteRefs(value: unknown): Json {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/').replaceAll(',"id":"', ',"x-id":"'));
}

const errorEnvelope = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["type", "code", "message", "param", "request_id"],
      properties: {
        type: { type: "string", enum: [...new Set(Object.values(errorStatuses).map((e) => e.type))] },
        code: { type: "string", enum: Object.keys(errorStatuses) },
        message: { type: "string" },
        param: { type: ["string", "null"], description: "The parameter at fault, when there is one" },
        request_id: { type: "string", format: "uuid" },
      },
    },
  },
};

function errorResponses(op: Operation): Json {
  const statuses = new Set<number>([500]);
  if (op.scope !== null) [401, 403, 429].forEach((s) => statuses.add(s));
  if (op.body) [400, 422].forEach((s) => statuses.add(s));
  if (op.query) statuses.add(422);
  if (op.params) statuses.add(404);
  if (op.method === "POST" && op.scope !== null) [409, 422].forEach((s) => statuses.add(s));
  for (const code of op.errors ?? []) statuses.add(errorStatuses[code]!.status);
  const out: Json = {};
  for (const status of [...statuses].sort()) {
    out[String(status)] = { description: `Error (${status})`, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  }
  return out;
}

function parameters(op: Operation, components: Json): Json[] {
  const params: Json[] = [];
  for (const [where, schema] of [["path", op.params], ["query", op.query]] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, "input", components) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = prop;
      params.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), description, schema: rest });
    }
  }
  if (op.method === "POST" && op.scope !== null) {
    params.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Makes a retried POST safe: same key and body replay the first response for 24 h",
      schema: { type: "string", maxLength: 255 },
    });
  }
  return params;
}

function successContent(op: Operation, components: Json): Json {
  if (op.responseContentType) return { [op.responseContentType]: { schema: { type: "string", format: "binary" } } };
  return { "application/json": { schema: schemaOf(op.response, "output", components) } };
}

export function openApiDocument(): Json {
  const components: Json = { Error: errorEnvelope };
  const paths: Record<string, Json> = {};
  for (const op of operations) {
    const success = String(op.successStatus ?? 200);
    const item: Json = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      security: op.scope === null ? [] : [{ bearerAuth: [] }],
      ...(op.scope ? { "x-required-scope": op.scope } : {}),
      parameters: parameters(op, components),
      ...(op.body
        ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(op.body, "input", components) } } } }
        : {}),
      responses: {
        [success]: { description: "Success", content: successContent(op, components) },
        ...(op.method === "GET" && op.scope !== null ? { "304": { description: "Not modified (If-None-Match / If-Modified-Since)" } } : {}),
        ...errorResponses(op),
      },
    };
    (paths[op.path] ??= {})[op.method.toLowerCase()] = item;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Ciclo API",
      version: "v1",
      description:
        "Subscription billing API. Authenticate with `Authorization: Bearer sk_live_…` (live) or `sk_test_…` (sandbox). JSON in and out, snake_case, money in integer cents.",
    },
    servers: [{ url: "/api/v1" }],
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "Secret API key: sk_live_… or sk_test_…" } },
    },
  };
}
