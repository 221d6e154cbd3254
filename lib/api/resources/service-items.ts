import { z } from "zod";
import type { ServiceItem } from "@/db/schema";
import { createServiceItemInput, updateServiceItemInput } from "@/lib/catalog/service-items";
import { idParams, statusFilter } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";

export const serviceItemObject = z
  .object({
    id: z.uuid(),
    object: z.literal("service_item"),
    livemode: z.boolean(),
    code: z.string(),
    description: z.string(),
    municipal_service_code: z.string().nullable(),
    iss_rate_bps: z.number().int(),
    status: z.enum(["active", "archived"]),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "ServiceItem" });

export function serializeServiceItem(row: ServiceItem, mode: "live" | "test"): z.output<typeof serviceItemObject> {
  return {
    id: row.id,
    object: "service_item",
    livemode: mode === "live",
    code: row.code,
    description: row.description,
    municipal_service_code: row.municipalServiceCode,
    iss_rate_bps: row.issRateBps,
    status: row.status,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const tag = "service_items";
const deleted = z.object({ id: z.uuid(), object: z.literal("service_item"), deleted: z.literal(true) });

export const serviceItemOps = {
  create: defineOperation({
    operationId: "createServiceItem", method: "POST", path: "/service_items", tag, summary: "Create a service item (NF-e tax data)",
    scope: "catalog:write", body: createServiceItemInput, response: serviceItemObject, successStatus: 201, errors: ["resource_conflict"],
  }),
  list: defineOperation({
    operationId: "listServiceItems", method: "GET", path: "/service_items", tag, summary: "List service items",
    scope: "catalog:read", query: z.strictObject({ ...listQueryShape, status: statusFilter, code: z.string().max(60).optional() }),
    response: listEnvelope(serviceItemObject), list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrieveServiceItem", method: "GET", path: "/service_items/{id}", tag, summary: "Retrieve a service item",
    scope: "catalog:read", params: idParams, response: serviceItemObject,
  }),
  update: defineOperation({
    operationId: "updateServiceItem", method: "PATCH", path: "/service_items/{id}", tag, summary: "Update a service item",
    scope: "catalog:write", params: idParams, body: updateServiceItemInput, response: serviceItemObject, errors: ["resource_conflict", "resource_archived"],
  }),
  delete: defineOperation({
    operationId: "deleteServiceItem", method: "DELETE", path: "/service_items/{id}", tag, summary: "Delete a service item (archived when products use it)",
    scope: "catalog:write", params: idParams, response: z.union([deleted, serviceItemObject]),
  }),
};
