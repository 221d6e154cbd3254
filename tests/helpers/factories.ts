import { randomBytes } from "node:crypto";
import { getDb } from "@/db";
import { createApiKey } from "@/lib/api-keys/create";
import { createOrganizationWithSandbox } from "@/lib/organizations/create";

// A fresh tenant per test: live + sandbox organizations, a key for each.
export async function createTenant(options: { rateLimitPerSecond?: number; rateLimitBurst?: number; scopes?: string[] } = {}) {
  const db = getDb();
  const slug = `t${randomBytes(5).toString("hex")}`;
  const pair = await createOrganizationWithSandbox(db, {
    name: `Tenant ${slug}`,
    slug,
    rateLimitPerSecond: options.rateLimitPerSecond ?? 10_000,
    rateLimitBurst: options.rateLimitBurst ?? 10_000,
  });
  const liveKey = await createApiKey(db, { organizationId: pair.live.id, name: "test live", scopes: options.scopes });
  const testKey = await createApiKey(db, { organizationId: pair.sandbox.id, name: "test sandbox", scopes: options.scopes });
  return { slug, live: pair.live, sandbox: pair.sandbox, liveKey: liveKey.secret, testKey: testKey.secret, liveKeyId: liveKey.id };
}

export const validAccount = (overrides: Record<string, unknown> = {}) => ({
  name: "Padaria Pão Quente",
  legal_name: "Padaria Pão Quente LTDA",
  email: "financeiro@paoquente.com.br",
  document: "11.222.333/0001-81",
  tax_address: { line1: "Rua Augusta", number: "1500", district: "Consolação", city: "São Paulo", state: "SP", postal_code: "01304-001" },
  ...overrides,
});
