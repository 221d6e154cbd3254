import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type DbOrTx } from "@/db";
import { organizations, type Organization } from "@/db/schema";
import { rootDomain as rootDomainFromEnv } from "./config";
import { parseHost } from "./host";

/** The organization a portal host serves: only what rendering the portal needs. */
export type Tenant = Pick<
  Organization,
  "id" | "name" | "slug" | "mode" | "liveOrganizationId" | "locale" | "defaultCurrency" | "timezone"
>;

const liveOrganizations = alias(organizations, "live_organizations");

/**
 * Host -> tenant, or null when the host serves no portal: not a tenant host, no such slug,
 * or the organization (or, for a sandbox, its live organization) is suspended.
 * Custom domains resolve to null until they exist.
 */
export async function resolveTenantByHost(
  host: string,
  options: { db?: DbOrTx; rootDomain?: string } = {},
): Promise<Tenant | null> {
  const parsed = parseHost(host, options.rootDomain ?? rootDomainFromEnv());
  if (parsed.kind !== "tenant") return null;

  const db = options.db ?? getDb();
  const [row] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      mode: organizations.mode,
      status: organizations.status,
      liveOrganizationId: organizations.liveOrganizationId,
      liveStatus: liveOrganizations.status,
      locale: organizations.locale,
      defaultCurrency: organizations.defaultCurrency,
      timezone: organizations.timezone,
    })
    .from(organizations)
    .leftJoin(liveOrganizations, eq(liveOrganizations.id, organizations.liveOrganizationId))
    .where(eq(organizations.slug, parsed.slug))
    .limit(1);

  if (!row || row.status !== "active") return null;
  if (row.mode === "test" && row.liveStatus !== "active") return null;
  const { id, name, slug, mode, liveOrganizationId, locale, defaultCurrency, timezone } = row;
  return { id, name, slug, mode, liveOrganizationId, locale, defaultCurrency, timezone };
}
