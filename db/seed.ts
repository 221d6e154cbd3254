import { createHash } from "node:crypto";
import bcrypt from "bcryptjs";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apiKeys, billingAccounts, organizationMembers, users } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create";
import { base62, hashSecret, type KeyMode } from "@/lib/api-keys/secret";
import { createOrganizationWithSandbox } from "@/lib/organizations/create";
import { portalUrl } from "@/lib/tenancy/portal-url";
import { seedBilling } from "./seed-billing";
import { seedCatalog } from "./seed-catalog";
import { seedPortalUsers } from "./seed-portal";

// Demo data: two tenants (Acme, Globex), each with a live and a sandbox organization, an API
// key for each, a staff owner and a few billing accounts; Acme also gets a catalog and two
// subscriptions with their invoices (one paid by card, one waiting on a PIX). Idempotent: running it again finds
// everything in place. Demo keys are derived from fixed strings so that the README can list
// them; never seed a production deployment.
export const DEMO_PASSWORD = "ciclo-demo-2026";

const TENANTS = [
  {
    name: "Acme",
    slug: "acme",
    owner: "owner@acme.example",
    // One demo member per other staff role (docs/admin.md); same password as the owner.
    staff: [
      { email: "admin@acme.example", role: "admin" },
      { email: "developer@acme.example", role: "developer" },
      { email: "support@acme.example", role: "support" },
    ],
    catalog: true,
    accounts: [
      { name: "Padaria Pão Quente", legalName: "Padaria Pão Quente LTDA", email: "financeiro@paoquente.com.br", documentType: "cnpj", document: "11222333000181", externalId: "cus_paoquente" },
      { name: "Maria Silva", legalName: null, email: "maria.silva@example.com", documentType: "cpf", document: "52998224725", externalId: "cus_maria" },
      { name: "Nova Tech", legalName: "Nova Tech Sistemas S.A.", email: "contas@novatech.example", documentType: "cnpj", document: "12ABC34501DE35", externalId: "cus_novatech" },
    ],
  },
  {
    name: "Globex",
    slug: "globex",
    owner: "owner@globex.example",
    staff: [],
    catalog: false,
    accounts: [{ name: "Hank Scorpio", legalName: null, email: "hank@globex.example", documentType: null, document: null, externalId: "cus_hank" }],
  },
] as const;

export function demoKey(slug: string, mode: KeyMode): string {
  const bytes = createHash("sha512").update(`ciclo-demo-key:${slug}:${mode}`).digest();
  return `sk_${mode}_${base62(bytes, 32)}`;
}

export type SeedResult = {
  tenants: Array<{
    name: string;
    slug: string;
    owner_email: string;
    live: { organization_id: string; slug: string; portal_url: string; api_key: string };
    sandbox: { organization_id: string; slug: string; portal_url: string; api_key: string };
  }>;
  admin_password: string;
};

export { portalUrl };

export async function seedDemo(db: DbOrTx, options: { appUrl: string }): Promise<SeedResult> {
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 12);
  const result: SeedResult = { tenants: [], admin_password: DEMO_PASSWORD };
  for (const t of TENANTS) {
    const pair = await createOrganizationWithSandbox(db, { name: t.name, slug: t.slug });
    const keys: Record<KeyMode, string> = { live: demoKey(t.slug, "live"), test: demoKey(t.slug, "test") };
    for (const [org, mode] of [[pair.live, "live"], [pair.sandbox, "test"]] as const) {
      const [existing] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.secretHash, hashSecret(keys[mode])));
      if (!existing) await createApiKey(db, { organizationId: org.id, name: "Demo key", secret: keys[mode] });
      if (t.catalog) await seedCatalog(db, org.id);
      for (const a of t.accounts) {
        await db
          .insert(billingAccounts)
          .values({ organizationId: org.id, ...a, metadata: { seeded: "true" } })
          .onConflictDoNothing();
      }
      if (t.catalog) await seedBilling(db, { id: org.id, mode });
      if (t.catalog) await seedPortalUsers(db, org.id, DEMO_PASSWORD);
    }
    await db.insert(users).values({ email: t.owner, name: `${t.name} owner`, passwordHash, emailVerified: new Date() }).onConflictDoNothing();
    const [owner] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${t.owner}`);
    await db.insert(organizationMembers).values({ organizationId: pair.live.id, userId: owner!.id, role: "owner" }).onConflictDoNothing();
    for (const member of t.staff) {
      await db.insert(users).values({ email: member.email, name: `${t.name} ${member.role}`, passwordHash, emailVerified: new Date() }).onConflictDoNothing();
      const [user] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${member.email}`);
      await db.insert(organizationMembers).values({ organizationId: pair.live.id, userId: user!.id, role: member.role }).onConflictDoNothing();
    }
    result.tenants.push({
      name: t.name,
      slug: t.slug,
      owner_email: t.owner,
      live: { organization_id: pair.live.id, slug: pair.live.slug, portal_url: portalUrl(options.appUrl, pair.live.slug), api_key: keys.live },
      sandbox: { organization_id: pair.sandbox.id, slug: pair.sandbox.slug, portal_url: portalUrl(options.appUrl, pair.sandbox.slug), api_key: keys.test },
    });
  }
  return result;
}

/** True once any demo organization exists (dev seeds only on the first start). */
export async function isSeeded(db: DbOrTx): Promise<boolean> {
  const rows = await db.execute(sql`select 1 from organizations where slug = 'acme' limit 1`);
  return rows.length > 0;
}
