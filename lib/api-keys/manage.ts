import { and, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { apiKeys } from "@/db/schema";
import { notFound } from "@/lib/api/errors";
import { afterCursor, listOrder, page } from "@/lib/api/pagination";
import { text } from "@/lib/api/fields";
import { createApiKey, revokeApiKey, type CreatedApiKey } from "./create";
import { API_KEY_SCOPES } from "./scopes";

// Listing, creating (validated) and rolling an organization's API keys. Every call takes the
// organization: a key of another organization is "not found".
type Scope = { organizationId: string };

export const createApiKeyInput = z.strictObject({
  name: text(100),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .max(API_KEY_SCOPES.length)
    .refine((list) => new Set(list).size === list.length, "lists a scope twice")
    .default([]),
});

export type ApiKeySummary = {
  id: string; name: string; prefix: string; mode: "live" | "test"; scopes: string[];
  createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null;
};

const summary = {
  id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, mode: apiKeys.mode, scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt,
};

export const API_KEY_LIST_STATUSES = ["all", "active", "revoked"] as const;

/**
 * The admin's list, newest first, a page at a time: every key unless narrowed to the active or
 * revoked ones (a key revoked or rolled on the page stays where it was, with its new status).
 */
export const apiKeyListQuery = z.object({
  status: z.enum(API_KEY_LIST_STATUSES).default("all"),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

/** A page of the organization's keys (never the secret: only its hash is stored). */
export async function listApiKeys(
  db: DbOrTx,
  scope: Scope,
  q: z.input<typeof apiKeyListQuery> = {},
): Promise<{ rows: ApiKeySummary[]; nextCursor: string | null }> {
  const query = apiKeyListQuery.parse(q);
  const filters: Array<SQL | undefined> = [
    eq(apiKeys.organizationId, scope.organizationId),
    query.status === "active" ? isNull(apiKeys.revokedAt) : query.status === "revoked" ? isNotNull(apiKeys.revokedAt) : undefined,
    afterCursor(apiKeys, query.cursor),
  ];
  const rows = await db.select(summary).from(apiKeys).where(and(...filters)).orderBy(...listOrder(apiKeys)).limit(query.limit + 1);
  const { data, next_cursor } = page(rows, query.limit, (row) => row);
  return { rows: data, nextCursor: next_cursor };
}

export async function createValidatedApiKey(db: DbOrTx, scope: Scope, input: z.output<typeof createApiKeyInput>): Promise<CreatedApiKey> {
  return createApiKey(db, { organizationId: scope.organizationId, name: input.name, scopes: input.scopes });
}

/** Revokes an active key of the organization (a second revoke, or another organization's key: not found). */
export async function revokeOwnApiKey(db: DbOrTx, scope: Scope & { id: string }): Promise<void> {
  if (!z.uuid().safeParse(scope.id).success || !(await revokeApiKey(db, scope))) throw notFound("API key", scope.id);
}

/**
 * Rolling replaces a key: a new secret with the same name and scopes is created and the old key
 * is revoked at once, in one transaction (so there is always exactly one working key).
 */
export async function rollApiKey(db: DbOrTx, scope: Scope & { id: string }): Promise<CreatedApiKey> {
  if (!z.uuid().safeParse(scope.id).success) throw notFound("API key", scope.id);
  return db.transaction(async (tx) => {
    const [old] = await tx
      .select(summary)
      .from(apiKeys)
      .where(and(eq(apiKeys.id, scope.id), eq(apiKeys.organizationId, scope.organizationId), isNull(apiKeys.revokedAt)))
      .for("update");
    if (!old) throw notFound("API key", scope.id);
    const created = await createApiKey(tx, { organizationId: scope.organizationId, name: old.name, scopes: old.scopes });
    await revokeApiKey(tx, scope);
    return created;
  });
}
