import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { isUniqueViolation, pgError } from "@/db/errors";
import { ApiError } from "./errors";

// Ids sent in a body must name rows of the caller's own organization: another tenant's id is
// as unknown as a made-up one (422 naming the field, never a hint that it exists elsewhere).
type OwnedTable = PgTable & { id: PgColumn; organizationId: PgColumn };

export async function assertReferences(
  db: DbOrTx,
  table: OwnedTable,
  organizationId: string,
  ids: Array<{ id: string | null | undefined; param: string }>,
  what: string,
  extra?: SQL,
): Promise<void> {
  const wanted = ids.filter((x): x is { id: string; param: string } => typeof x.id === "string");
  if (wanted.length === 0) return;
  const rows = await db
    .select({ id: table.id })
    .from(table as PgTable)
    .where(and(eq(table.organizationId, organizationId), inArray(table.id, [...new Set(wanted.map((w) => w.id))]), extra));
  const found = new Set(rows.map((r) => r.id as string));
  const missing = wanted.find((w) => !found.has(w.id));
  if (missing) throw new ApiError("reference_not_found", `No such ${what}: '${missing.id}'`, { param: missing.param });
}

/** Maps unique-constraint violations to 409 naming the field; rethrows anything else. */
export function rethrowConflict(error: unknown, constraints: Record<string, { param: string; message: string }>): never {
  if (isUniqueViolation(error)) {
    const hit = constraints[pgError(error)?.constraint_name ?? ""];
    if (hit) throw new ApiError("resource_conflict", hit.message, { param: hit.param });
  }
  throw error;
}

/**
 * A lookup by an id the client sent in a body: its 404 ("no such plan") becomes a 422 naming
 * the field; any other failure stays what it is.
 */
export async function asReference<T>(lookup: Promise<T>, param: string): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof ApiError && error.code === "resource_missing") throw new ApiError("reference_not_found", error.message, { param });
    throw error;
  }
}
