// GET /api/v1/credits/:id — retrieve one credit
import { withApi } from "@/lib/api/handler";
import { now } from "@/lib/clock";
import { creditLastModified, creditOps, serializeCredit } from "@/lib/api/resources/credits";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { getCreditOrThrow } from "@/lib/credits/service";

export const GET = withApi(creditOps.retrieve, async ({ db, tenant, params }) => {
  const at = now();
  const credit = await getCreditOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializeCredit(credit, tenant.mode, at), creditLastModified(credit, at));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
