import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apiKeys, billingAccounts, organizationMembers, organizations } from "@/db/schema";

// What a staff member may see: the live organizations they belong to and their sandboxes.
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
      const summary = async (organizationId: string) => {
        const [counts] = await db
          .select({
            accounts: sql<number>`(select count(*)::int from ${billingAccounts} where ${billingAccounts.organizationId} = ${organizationId})`,
            keys: sql<number>`(select count(*)::int from ${apiKeys} where ${apiKeys.organizationId} = ${organizationId} and ${apiKeys.revokedAt} is null)`,
          })
          .from(organizations)
          .where(and(eq(organizations.id, organizationId)));
        return counts ?? { accounts: 0, keys: 0 };
      };
      return {
        role,
        live: { ...org, ...(await summary(org.id)) },
        sandbox: sandbox ? { ...sandbox, ...(await summary(sandbox.id)) } : null,
      };
    }),
  );
}
