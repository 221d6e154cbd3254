import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { portalAccessLog, type AccessEvent } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { afterCursor, listOrder, page } from "@/lib/api/pagination";
import { describeDevice, type Device } from "./device";
import type { PortalActor } from "./account";

// The Profile's access log: the signed-in user's own auth events (sign-ins, failures, links
// sent, password and email changes, sign-outs), newest first, a page at a time. Rows of other
// users of the account — and events not tied to a user — never show here.
export const ACCESS_LOG_PAGE = 20;

export type AccessLogEntry = { id: string; createdAt: Date; event: AccessEvent; method: string | null; ip: string | null; device: Device };
export type AccessLogPage = { entries: AccessLogEntry[]; nextCursor: string | null };

export async function listOwnAccessLog(db: DbOrTx, actor: PortalActor, options: { cursor?: string | null; limit?: number } = {}): Promise<AccessLogPage> {
  const limit = Math.min(Math.max(options.limit ?? ACCESS_LOG_PAGE, 1), 100);
  let after;
  try {
    after = afterCursor(portalAccessLog, options.cursor ?? undefined);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    after = undefined; // a mangled ?cursor= shows the first page
  }
  const rows = await db
    .select()
    .from(portalAccessLog)
    .where(and(eq(portalAccessLog.organizationId, actor.tenant.id), eq(portalAccessLog.portalUserId, actor.user.id), after))
    .orderBy(...listOrder(portalAccessLog))
    .limit(limit + 1);
  const result = page(rows, limit, (r) => ({ id: r.id, createdAt: r.createdAt, event: r.event, method: r.method, ip: r.ip, device: describeDevice(r.userAgent) }));
  return { entries: result.data, nextCursor: result.next_cursor };
}
