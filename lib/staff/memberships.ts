import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apiKeys, billingAccounts, organizationMembers, organizations } from "@/db/schema";

// What a staff member may see: the live organizations they belong to and their sandboxes.

/** Counts shown for an organization: billing accounts and active API keys. */
export async function organizationSummary(db: DbOrTx, organizationId: string): Promise<{ accounts: number; keys: number }> {
  const [counts] = await db
    .select({
      accounts: sql<number>`(select count(*)::int from ${billingAccounts} where ${billingAccounts.organizationId} = ${organizationId})`,
      keys: sql<number>`(select count(*)::int from ${apiKeys} where ${apiKeys.organizationId} = ${organizationId} and ${apiKeys.revokedAt} is null)`,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return counts ?? { accounts: 0, keys: 0 };
}

export async function listStaffOrganizations(db: DbOrTx, userId: string) {
  const rows = await db
    .select({ role: organizationMembers.role, org: organizations })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .where(eq(organizationMembers.userId, userId))
    .orderBy(organizations.name);
  return Promise.all(
    rows.map(async ({ role, org }) => {
      const [sandbox] = await db.select().from(organizations).where(eq(organizations.liveOrganizationId, org.id));
      return {
        role,
        live: { ...org, ...(await organizationSummary(db, org.id)) },
        sandbox: sandbox ? { ...sandbox, ...(await organizationSummary(db, sandbox.id)) } : null,
      };
    }),
  );
}

/** The live organizations a staff member belongs to, by name (the organization switcher). */
export async function listStaffOrganizationNames(db: DbOrTx, userId: string) {
  return db
    .select({ name: organizations.name, slug: organizations.slug })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .where(eq(organizationMembers.userId, userId))
    .orderBy(organizations.name);
}
