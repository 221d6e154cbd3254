import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { organizations } from "@/db/schema";
import { getPortalSettings } from "@/lib/portal/settings";
import type { PortalTenantRef } from "./links";

/** The organization as portal emails and links need it: id, slug, and the portal's brand name. */
export async function getTenantRef(db: DbOrTx, organizationId: string): Promise<PortalTenantRef> {
  const [org] = await db.select({ id: organizations.id, slug: organizations.slug, name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new Error(`no organization ${organizationId}`);
  const settings = await getPortalSettings(db, organizationId);
  return { id: org.id, slug: org.slug, name: settings.branding.name ?? org.name };
}
