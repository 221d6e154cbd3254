import { and, desc, eq, lt, or, type InferSelectModel, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { z } from "zod";
import { ApiError } from "./errors";
import { datetimeInput } from "./fields";

// Cursor pagination, newest first, stable order (created_at desc, id desc). The cursor is
// opaque to clients: base64url of the last row's created_at and id.
export const listQueryShape = {
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: "Page size, 1 to 100" }),
  cursor: z.string().max(200).optional().meta({ description: "`next_cursor` from the previous page" }),
};

export type Cursor = { createdAt: Date; id: string };

export function encodeCursor(row: Cursor): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

export function decodeCursor(cursor: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    // datetimeInput: a date JavaScript reads but PostgreSQL cannot hold would fail the query (a 500).
    const date = datetimeInput.safeParse(createdAt);
    if (!date.success || !z.uuid().safeParse(id).success) throw new Error("bad cursor");
    return { createdAt: date.data, id: id as string };
  } catch {
    throw new ApiError("validation_failed", "Invalid cursor: pass the next_cursor of a previous page unchanged", { param: "cursor" });
  }
}

/**
 * An optional list filter: `column = value` when the client sent one, else nothing. For
 * filters the client chooses only: the tenant condition is always written out with eq().
 */
export function filterEq<T>(column: PgColumn, value: T | undefined): SQL | undefined {
  return value === undefined ? undefined : eq(column, value);
}

/** The WHERE part that starts after the cursor, and the ORDER BY that goes with it. */
export function afterCursor(columns: { createdAt: PgColumn; id: PgColumn }, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  return or(lt(columns.createdAt, c.createdAt), and(eq(columns.createdAt, c.createdAt), lt(columns.id, c.id)));
}

export const listOrder = (columns: { createdAt: PgColumn; id: PgColumn }) => [desc(columns.createdAt), desc(columns.id)];

/** Rows were fetched with limit + 1: trim and build the list envelope. */
export function page<Row extends Cursor, Out>(rows: Row[], limit: number, serialize: (row: Row) => Out) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return {
    object: "list" as const,
    data: items.map(serialize),
    has_more: hasMore,
    next_cursor: hasMore && last ? encodeCursor(last) : null,
  };
}

export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.object({
    object: z.literal("list"),
    data: z.array(item),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  });
}

type Listable = PgTable & { organizationId: PgColumn; createdAt: PgColumn; id: PgColumn };

/**
 * One page of a tenant's rows, newest first: the organization condition, the client's filters,
 * the cursor; fetches limit + 1 so that page() can tell whether more follow.
 */
export function listPage<T extends Listable>(
  db: DbOrTx,
  table: T,
  scope: { organizationId: string },
  filters: Array<SQL | undefined>,
  q: { limit: number; cursor?: string },
): Promise<InferSelectModel<T>[]> {
  return db
    .select()
    .from(table as PgTable)
    .where(and(eq(table.organizationId, scope.organizationId), ...filters, afterCursor(table, q.cursor)))
    .orderBy(...listOrder(table))
    .limit(q.limit + 1) as unknown as Promise<InferSelectModel<T>[]>;
}
