import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { portalUsers } from "@/db/schema";
import { isLocale, type Locale } from "@/lib/i18n/locale";

// A portal user's language, chosen with the portal's switcher: stored on their own row only.
export async function setPortalUserLocale(db: DbOrTx, scope: { organizationId: string; portalUserId: string }, locale: unknown): Promise<Locale | null> {
  if (!isLocale(locale)) return null;
  const [row] = await db
    .update(portalUsers)
    .set({ locale, updatedAt: new Date() })
    .where(and(eq(portalUsers.id, scope.portalUserId), eq(portalUsers.organizationId, scope.organizationId)))
    .returning({ locale: portalUsers.locale });
  return row?.locale ?? null;
}
