import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { organizations, type Organization } from "@/db/schema";
import { isReservedLabel, SLUG_PATTERN } from "@/lib/tenancy/host";

export const SANDBOX_SUFFIX = "-test";

/** The sandbox's slug (and so its portal host): `<slug>-test`. */
export const sandboxSlug = (slug: string) => `${slug}${SANDBOX_SUFFIX}`;

/** A slug becomes the portal's host label (and `<slug>-test` the sandbox's): it must be one. */
export function slugProblem(slug: string): string | null {
  if (!SLUG_PATTERN.test(slug)) return "use 1-58 lower-case letters, digits and inner hyphens";
  if (slug.length > 63 - SANDBOX_SUFFIX.length) return `at most ${63 - SANDBOX_SUFFIX.length} characters`;
  if (isReservedLabel(slug) || slug.endsWith(SANDBOX_SUFFIX)) return "this name is reserved";
  return null;
}

export type OrganizationPair = { live: Organization; sandbox: Organization };

/**
 * Creates a tenant: its live organization and the linked sandbox (test mode) organization,
 * in one transaction. Returns the existing pair when the slug is already taken by it.
 */
export async function createOrganizationWithSandbox(
  db: DbOrTx,
  input: { name: string; slug: string; rateLimitPerSecond?: number; rateLimitBurst?: number },
): Promise<OrganizationPair> {
  const problem = slugProblem(input.slug);
  if (problem) throw new Error(`invalid organization slug '${input.slug}': ${problem}`);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(organizations).where(eq(organizations.slug, input.slug));
    if (existing) {
      const [sandbox] = await tx.select().from(organizations).where(eq(organizations.liveOrganizationId, existing.id));
      if (sandbox) return { live: existing, sandbox };
    }
    const limits = { rateLimitPerSecond: input.rateLimitPerSecond ?? null, rateLimitBurst: input.rateLimitBurst ?? null };
    const live =
      existing ?? (await tx.insert(organizations).values({ name: input.name, slug: input.slug, mode: "live", ...limits }).returning())[0]!;
    const [sandbox] = await tx
      .insert(organizations)
      .values({ name: input.name, slug: sandboxSlug(input.slug), mode: "test", liveOrganizationId: live.id, ...limits })
      .returning();
    return { live, sandbox: sandbox! };
  });
}

/** The currency a new price gets when none is sent. */
export async function organizationCurrency(db: DbOrTx, organizationId: string): Promise<string> {
  const [org] = await db.select({ currency: organizations.defaultCurrency }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new Error(`organization ${organizationId} not found`);
  return org.currency;
}
