import { and, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { emailOutbox, type EmailOutboxRow } from "@/db/schema";
import { notFound } from "@/lib/api/errors";
import { afterCursor, listOrder, page } from "@/lib/api/pagination";

// Reading an organization's email outbox (the admin's Developers screen): newest first,
// filtered by status, cursor-paginated. Ciclo's own emails (no organization) never appear.
export const OUTBOX_STATUSES = ["queued", "sent", "logged", "failed"] as const;

export const outboxQuery = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export type OutboxSummary = Pick<EmailOutboxRow, "id" | "toAddress" | "template" | "subject" | "status" | "attempts" | "lastError" | "createdAt" | "sentAt">;

const summary = {
  id: emailOutbox.id, toAddress: emailOutbox.toAddress, template: emailOutbox.template, subject: emailOutbox.subject,
  status: emailOutbox.status, attempts: emailOutbox.attempts, lastError: emailOutbox.lastError, createdAt: emailOutbox.createdAt, sentAt: emailOutbox.sentAt,
};

export async function listOutboxEmails(
  db: DbOrTx,
  scope: { organizationId: string },
  q: z.output<typeof outboxQuery>,
): Promise<{ rows: OutboxSummary[]; nextCursor: string | null }> {
  const filters: SQL[] = [eq(emailOutbox.organizationId, scope.organizationId)];
  if (q.status) filters.push(eq(emailOutbox.status, q.status));
  const cursor = afterCursor(emailOutbox, q.cursor);
  if (cursor) filters.push(cursor);
  const rows = await db.select(summary).from(emailOutbox).where(and(...filters)).orderBy(...listOrder(emailOutbox)).limit(q.limit + 1);
  const { data, next_cursor } = page(rows, q.limit, (row) => row);
  return { rows: data, nextCursor: next_cursor };
}

export async function getOutboxEmailOrThrow(db: DbOrTx, scope: { organizationId: string; id: string }): Promise<EmailOutboxRow> {
  if (!z.uuid().safeParse(scope.id).success) throw notFound("email", scope.id);
  const [row] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.id, scope.id), eq(emailOutbox.organizationId, scope.organizationId)));
  if (!row) throw notFound("email", scope.id);
  return row;
}
