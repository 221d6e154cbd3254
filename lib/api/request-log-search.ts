import { and, eq, gte, like, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { requestLogs } from "@/db/schema";
import { notFound } from "./errors";
import { listPage, page } from "./pagination";
import { REQUEST_LOG_RETENTION_DAYS } from "./request-log";

// Reading an organization's API request log (the admin's Developers screen): the last 30 days,
// newest first, by exact Request-Id, status class (2xx…5xx) and path prefix, cursor-paginated.
export type RequestLogRow = typeof requestLogs.$inferSelect;

export const STATUS_CLASSES = ["2xx", "3xx", "4xx", "5xx"] as const;

export const requestLogQuery = z.object({
  request_id: z.uuid("must be a Request-Id (a UUID)").optional(),
  status: z.enum(STATUS_CLASSES).optional(),
  path: z.string().trim().max(200).startsWith("/", "must start with /").optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

/** LIKE's wildcards taken literally: a prefix is a prefix. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const since = (now: Date) => new Date(now.getTime() - REQUEST_LOG_RETENTION_DAYS * 24 * 60 * 60 * 1000);

export async function searchRequestLogs(
  db: DbOrTx,
  scope: { organizationId: string },
  q: z.output<typeof requestLogQuery>,
  now = new Date(),
): Promise<{ rows: RequestLogRow[]; nextCursor: string | null }> {
  const filters: SQL[] = [gte(requestLogs.createdAt, since(now))];
  if (q.request_id) filters.push(eq(requestLogs.requestId, q.request_id));
  if (q.status) {
    const low = Number(q.status[0]) * 100;
    filters.push(gte(requestLogs.status, low), lt(requestLogs.status, low + 100));
  }
  if (q.path) filters.push(like(requestLogs.path, `${escapeLike(q.path)}%`));
  const rows = await listPage(db, requestLogs, scope, filters, q);
  const { data, next_cursor } = page(rows, q.limit, (row) => row);
  return { rows: data, nextCursor: next_cursor };
}

export async function getRequestLogOrThrow(db: DbOrTx, scope: { organizationId: string; id: string }): Promise<RequestLogRow> {
  if (!z.uuid().safeParse(scope.id).success) throw notFound("request", scope.id);
  const [row] = await db.select().from(requestLogs).where(and(eq(requestLogs.id, scope.id), eq(requestLogs.organizationId, scope.organizationId)));
  if (!row) throw notFound("request", scope.id);
  return row;
}
