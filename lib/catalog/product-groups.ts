import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { deleteUnlessReferenced } from "@/db/delete-unless-referenced";
import { productGroups, type ProductGroup } from "@/db/schema";
import { ApiError, notFound } from "@/lib/api/errors";
import { slugField, text } from "@/lib/api/fields";
import { listPage } from "@/lib/api/pagination";
import { rethrowConflict } from "@/lib/api/references";

// Product groups order products on pricing pages and in the portal.
type Scope = { organizationId: string };

export const createProductGroupInput = z.strictObject({
  name: text(200),
  slug: slugField,
  position: z.number().int().min(0).max(100_000).default(0),
});
export const updateProductGroupInput = createProductGroupInput.partial().strict();

const conflicts = { product_groups_org_slug_key: { param: "slug", message: "A product group with this slug already exists" } };
const byId = (organizationId: string, id: string) => and(eq(productGroups.id, id), eq(productGroups.organizationId, organizationId));

export async function createProductGroup(db: DbOrTx, scope: Scope, input: z.output<typeof createProductGroupInput>) {
  try {
    const [row] = await db.insert(productGroups).values({ organizationId: scope.organizationId, ...input }).returning();
    return row!;
  } catch (error) {
    rethrowConflict(error, conflicts);
  }
}

export async function getProductGroupOrThrow(db: DbOrTx, scope: Scope & { id: string }): Promise<ProductGroup> {
  const [row] = await db.select().from(productGroups).where(byId(scope.organizationId, scope.id));
  if (!row) throw notFound("product group", scope.id);
  return row;
}

export async function listProductGroups(db: DbOrTx, scope: Scope, q: { limit: number; cursor?: string }) {
  return listPage(db, productGroups, scope, [], q);
}

export async function updateProductGroup(db: DbOrTx, scope: Scope & { id: string }, input: z.output<typeof updateProductGroupInput>) {
  await getProductGroupOrThrow(db, scope);
  try {
    const [row] = await db.update(productGroups).set({ ...input, updatedAt: new Date() }).where(byId(scope.organizationId, scope.id)).returning();
    return row!;
  } catch (error) {
    rethrowConflict(error, conflicts);
  }
}

/** Groups hold no history of their own: deletable once no product is in them. */
export async function deleteProductGroup(db: DbOrTx, scope: Scope & { id: string }) {
  await getProductGroupOrThrow(db, scope);
  // In a savepoint: inside a request's transaction (Idempotency-Key) a failed DELETE must not abort it.
  if (!(await deleteUnlessReferenced(db, (sp) => sp.delete(productGroups).where(byId(scope.organizationId, scope.id))))) {
    throw new ApiError("resource_conflict", "Products are still in this group: move them to another group first");
  }
  return { deleted: true as const, id: scope.id };
}
