import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { deleteUnlessReferenced } from "@/db/delete-unless-referenced";
import { serviceItems, type ServiceItem } from "@/db/schema";
import { ApiError, notFound } from "@/lib/api/errors";
import { text } from "@/lib/api/fields";
import { filterEq, listPage } from "@/lib/api/pagination";
import { rethrowConflict } from "@/lib/api/references";

// Service items carry the NF-e tax data of what is sold (municipal service code, ISS rate).
type Scope = { organizationId: string };

export const createServiceItemInput = z.strictObject({
  code: text(60).meta({ description: "Your code for this service (unique per organization)", examples: ["SAAS-01"] }),
  description: text(500),
  municipal_service_code: text(20).nullish().meta({ description: "Código de serviço municipal (LC 116 item), e.g. 01.05" }),
  iss_rate_bps: z.number().int().min(0).max(10_000).default(0).meta({ description: "ISS rate in basis points (500 = 5%)" }),
});
export const updateServiceItemInput = createServiceItemInput.partial().strict();

const conflicts = { service_items_org_code_key: { param: "code", message: "A service item with this code already exists" } };
const byId = (organizationId: string, id: string) => and(eq(serviceItems.id, id), eq(serviceItems.organizationId, organizationId));

export async function createServiceItem(db: DbOrTx, scope: Scope, input: z.output<typeof createServiceItemInput>) {
  try {
    const [row] = await db
      .insert(serviceItems)
      .values({
        organizationId: scope.organizationId,
        code: input.code,
        description: input.description,
        municipalServiceCode: input.municipal_service_code ?? null,
        issRateBps: input.iss_rate_bps,
      })
      .returning();
    return row!;
  } catch (error) {
    rethrowConflict(error, conflicts);
  }
}

export async function getServiceItemOrThrow(db: DbOrTx, scope: Scope & { id: string }): Promise<ServiceItem> {
  const [row] = await db.select().from(serviceItems).where(byId(scope.organizationId, scope.id));
  if (!row) throw notFound("service item", scope.id);
  return row;
}

export async function listServiceItems(db: DbOrTx, scope: Scope, q: { limit: number; cursor?: string; status: "active" | "archived" | "all"; code?: string }) {
  return listPage(db, serviceItems, scope, [q.status === "all" ? undefined : eq(serviceItems.status, q.status), filterEq(serviceItems.code, q.code)], q);
}

export async function updateServiceItem(db: DbOrTx, scope: Scope & { id: string }, input: z.output<typeof updateServiceItemInput>) {
  const current = await getServiceItemOrThrow(db, scope);
  if (current.status === "archived") throw new ApiError("resource_archived", "This service item is archived and can no longer be changed");
  try {
    const [row] = await db
      .update(serviceItems)
      .set({
        ...(input.code !== undefined && { code: input.code }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.municipal_service_code !== undefined && { municipalServiceCode: input.municipal_service_code }),
        ...(input.iss_rate_bps !== undefined && { issRateBps: input.iss_rate_bps }),
        updatedAt: new Date(),
      })
      .where(byId(scope.organizationId, scope.id))
      .returning();
    return row!;
  } catch (error) {
    rethrowConflict(error, conflicts);
  }
}

/** Deleted when nothing refers to it; archived when products (and so invoices) use it. */
export async function deleteServiceItem(db: DbOrTx, scope: Scope & { id: string }) {
  return db.transaction(async (tx) => {
    const current = await getServiceItemOrThrow(tx, scope);
    if (await deleteUnlessReferenced(tx, (sp) => sp.delete(serviceItems).where(byId(scope.organizationId, scope.id)))) {
      return { deleted: true as const, id: current.id };
    }
    const [row] = await tx.update(serviceItems).set({ status: "archived", updatedAt: new Date() }).where(byId(scope.organizationId, scope.id)).returning();
    return { deleted: false as const, row: row! };
  });
}
