import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apiKeys, organizations } from "@/db/schema";
import { forgetKeyById } from "@/lib/api/key-cache";
import { displayPrefix, generateSecret, hashSecret } from "./secret";

export type CreatedApiKey = { id: string; secret: string; prefix: string; mode: "live" | "test" };

/**
 * Creates a key for an organization; its mode follows the organization's (sandbox -> sk_test_).
 * The secret is returned here and never again. `secret` may be supplied (demo seed only).
 */
export async function createApiKey(
  db: DbOrTx,
  input: { organizationId: string; name: string; scopes?: string[]; secret?: string },
): Promise<CreatedApiKey> {
  const [org] = await db.select({ mode: organizations.mode }).from(organizations).where(eq(organizations.id, input.organizationId));
  if (!org) throw new Error(`organization ${input.organizationId} not found`);
  const secret = input.secret ?? generateSecret(org.mode);
  if (!secret.startsWith(`sk_${org.mode}_`)) throw new Error(`a ${org.mode} organization needs an sk_${org.mode}_ key`);
  const [row] = await db
    .insert(apiKeys)
    .values({
      organizationId: input.organizationId,
      mode: org.mode,
      name: input.name,
      prefix: displayPrefix(secret),
      secretHash: hashSecret(secret),
      scopes: input.scopes ?? [],
    })
    .returning({ id: apiKeys.id });
  return { id: row!.id, secret, prefix: displayPrefix(secret), mode: org.mode };
}

/** Revokes an active key of the organization in one statement: true when one was revoked (its revocation time stays the first). */
export async function revokeApiKey(db: DbOrTx, input: { organizationId: string; id: string }): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, input.id), eq(apiKeys.organizationId, input.organizationId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  forgetKeyById(input.id);
  return rows.length > 0;
}
