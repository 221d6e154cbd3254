// GET /api/v1/openapi.json — the OpenAPI 3.1 document generated from the handlers' zod schemas
import { withApi } from "@/lib/api/handler";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { openApiDocument } from "@/lib/api/openapi";
import { platformOps } from "@/lib/api/resources/platform";

const document = openApiDocument();

export const GET = withApi(platformOps.openapi, async () => ({ body: document }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
