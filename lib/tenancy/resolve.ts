import { and, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type DbOrTx } from "@/db";
import { customDomains, organizations, OWNED_DOMAIN_STATUSES, type Organization } from "@/db/schema";
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
 * A custom domain serves its organization's portal once verified (removed: at once no more).
 */
export async function resolveTenantByHost(
  host: string,
  options: { db?: DbOrTx; rootDomain?: string } = {},
): Promise<Tenant | null> {
  const parsed = parseHost(host, options.rootDomain ?? rootDomainFromEnv());
  if (parsed.kind !== "tenant" && parsed.kind !== "custom") return null;

  const db = options.db ?? getDb();
  const owner =
    parsed.kind === "tenant"
      ? eq(organizations.slug, parsed.slug)
      : inArray(
          organizations.id,
          db
            .select({ id: customDomains.organizationId })
            .from(customDomains)
            .where(and(eq(customDomains.hostname, parsed.hostname), inArray(customDomains.status, [...OWNED_DOMAIN_STATUSES]))),
        );
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
    .where(owner)
    .limit(1);

  if (!row || row.status !== "active") return null;
  if (row.mode === "test" && row.liveStatus !== "active") return null;
  const { id, name, slug, mode, liveOrganizationId, locale, defaultCurrency, timezone } = row;
  return { id, name, slug, mode, liveOrganizationId, locale, defaultCurrency, timezone };
}
