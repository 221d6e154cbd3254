// GET /api/v1/events — the organization's events, newest first (filter by type)
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { serializeEvent, webhookOps } from "@/lib/api/resources/webhooks";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { listEvents } from "@/lib/webhooks/history";

export const GET = withApi(webhookOps.listEvents, async ({ db, tenant, query }) =>
  ok(page(await listEvents(db, tenant, query), query.limit, (row) => serializeEvent(row, tenant.mode))),
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
