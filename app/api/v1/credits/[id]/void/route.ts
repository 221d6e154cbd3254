// POST /api/v1/credits/:id/void — void what is left of a credit
import { withApi } from "@/lib/api/handler";
import { creditOps, serializeCredit } from "@/lib/api/resources/credits";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { voidCredit } from "@/lib/credits/service";

export const POST = withApi(creditOps.void, async ({ db, tenant, params }) => {
  const credit = await voidCredit(db, { organizationId: tenant.organizationId, mode: tenant.mode, id: params.id });
  return ok(serializeCredit(credit, tenant.mode));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
