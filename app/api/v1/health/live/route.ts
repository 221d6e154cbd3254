// GET /api/v1/health/live — liveness: the process answers, no database call
import { withApi } from "@/lib/api/handler";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { platformOps } from "@/lib/api/resources/platform";

export const dynamic = "force-dynamic";

export const GET = withApi(platformOps.live, async () => ({ body: { status: "ok" } }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
