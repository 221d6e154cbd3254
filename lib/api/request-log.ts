import { lt } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { requestLogs } from "@/db/schema";
import { log } from "@/lib/log";

// API request log. Rows are buffered and written in batches off the request path (one
// INSERT per batch instead of one per request); kept 30 days.
export const REQUEST_LOG_RETENTION_DAYS = 30;
const MAX_BATCH = 200;
const FLUSH_DELAY_MS = 200;

export type RequestLogEntry = typeof requestLogs.$inferInsert;

const state = globalThis as unknown as { __cicloRequestLog?: { buffer: RequestLogEntry[]; timer: NodeJS.Timeout | null; flushing: Promise<void> } };
const queue = (state.__cicloRequestLog ??= { buffer: [], timer: null, flushing: Promise.resolve() });

export function recordRequest(entry: RequestLogEntry): void {
  queue.buffer.push(entry);
  if (queue.buffer.length >= MAX_BATCH) void flushRequestLogs();
  else queue.timer ??= setTimeout(() => void flushRequestLogs(), FLUSH_DELAY_MS);
}

/** Writes everything buffered so far. Tests await it to read the log deterministically. */
export function flushRequestLogs(): Promise<void> {
  if (queue.timer) clearTimeout(queue.timer);
  queue.timer = null;
  const batch = queue.buffer.splice(0, queue.buffer.length);
  queue.flushing = queue.flushing.then(async () => {
    if (batch.length === 0) return;
    try {
      await getDb().insert(requestLogs).values(batch);
    } catch (error) {
      log.error("request log write failed", { error, rows: batch.length });
    }
  });
  return queue.flushing;
}

export async function pruneRequestLogs(db: DbOrTx, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - REQUEST_LOG_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const rows = await db.delete(requestLogs).where(lt(requestLogs.createdAt, cutoff)).returning({ id: requestLogs.id });
  return rows.length;
}

/** Writes what is buffered before the process exits on SIGTERM (a rolling deploy, say). */
export function flushRequestLogsOnShutdown(): void {
  process.once("SIGTERM", () => void flushRequestLogs());
}
