import { z } from "zod";
import { defineOperation } from "../operation";

// Operations that need no API key.
export const healthObject = z.object({
  status: z.enum(["ok", "unavailable"]),
  database: z.enum(["ok", "unreachable"]),
  time: z.iso.datetime(),
});

export const platformOps = {
  health: defineOperation({
    operationId: "health",
    method: "GET",
    path: "/health",
    tag: "platform",
    summary: "Readiness: the service and its database",
    description: "No API key needed. 200 when the database answers, 503 otherwise.",
    scope: null,
    response: healthObject,
  }),
  live: defineOperation({
    operationId: "liveness",
    method: "GET",
    path: "/health/live",
    tag: "platform",
    summary: "Liveness: the process answers (no database call)",
    scope: null,
    response: z.object({ status: z.literal("ok") }),
  }),
  openapi: defineOperation({
    operationId: "openapi",
    method: "GET",
    path: "/openapi.json",
    tag: "platform",
    summary: "This API's OpenAPI 3.1 document",
    scope: null,
    response: z.record(z.string(), z.unknown()),
  }),
};
