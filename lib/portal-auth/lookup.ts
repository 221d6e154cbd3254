import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { portalUsers, type PortalUser } from "@/db/schema";

// Portal user lookups the auth flows share. Always inside one organization.
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Syntactically plausible and of storable size; anything else is treated as unknown. */
export const plausibleEmail = (email: string): boolean => email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());

export async function findUserByEmail(db: DbOrTx, organizationId: string, email: string, options: { forUpdate?: boolean } = {}): Promise<PortalUser | null> {
  if (!plausibleEmail(email)) return null;
  const query = db
    .select()
    .from(portalUsers)
    .where(and(eq(portalUsers.organizationId, organizationId), sql`lower(${portalUsers.email}) = ${normalizeEmail(email)}`, sql`${portalUsers.status} <> 'removed'`));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function findUserById(db: DbOrTx, organizationId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<PortalUser | null> {
  const query = db.select().from(portalUsers).where(and(eq(portalUsers.id, id), eq(portalUsers.organizationId, organizationId)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  return row ?? null;
}
