// GET /api/v1/health — readiness: answers 200 when the database does, 503 otherwise
import { sql } from "drizzle-orm";
import { withApi } from "@/lib/api/handler";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { platformOps } from "@/lib/api/resources/platform";

export const dynamic = "force-dynamic";

export const GET = withApi(platformOps.health, async ({ db }) => {
  const up = await Promise.race([
    db.execute(sql`select 1`).then(() => true, () => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref()),
  ]);
  const body = { status: up ? "ok" : "unavailable", database: up ? "ok" : "unreachable", time: new Date().toISOString() };
  return { status: up ? 200 : 503, body };
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
