import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { billingAccounts, portalUsers } from "@/db/schema";
import { NO_REQUEST_INFO } from "@/lib/portal-auth/context";
import { findUserByEmail } from "@/lib/portal-auth/lookup";
import { hashPassword } from "@/lib/portal-auth/password";
import { createPortalUser } from "@/lib/portal-auth/portal-users";

// Demo portal user: the owner of Acme's "Padaria Pão Quente" account, who signs in to
// http://acme.localhost:3000 (and the sandbox's acme-test) by magic link or with the demo password.
export const DEMO_PORTAL_EMAIL = "financeiro@paoquente.com.br";

export async function seedPortalUsers(db: DbOrTx, organizationId: string, password: string): Promise<void> {
  if (await findUserByEmail(db, organizationId, DEMO_PORTAL_EMAIL)) return;
  const [account] = await db
    .select({ id: billingAccounts.id })
    .from(billingAccounts)
    .where(and(eq(billingAccounts.organizationId, organizationId), eq(billingAccounts.externalId, "cus_paoquente")));
  if (!account) return;
  const user = await createPortalUser(db, { organizationId, billingAccountId: account.id }, { email: DEMO_PORTAL_EMAIL, name: "Joana (Padaria Pão Quente)", role: "owner", send_invite: false }, NO_REQUEST_INFO);
  await db
    .update(portalUsers)
    .set({ passwordHash: await hashPassword(password), passwordChangedAt: new Date(), emailVerifiedAt: new Date() })
    .where(and(eq(portalUsers.id, user.id), eq(portalUsers.organizationId, organizationId)));
}
