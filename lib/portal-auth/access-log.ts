import type { DbOrTx } from "@/db";
import { portalAccessLog, type AccessEvent } from "@/db/schema";
import { now } from "@/lib/clock";
import type { RequestInfo } from "./context";

/** Who acted on a portal user, as the access log's `method` says: the merchant's API, its staff in the admin, or the customer's own portal. */
export type ActorChannel = "api" | "admin" | "portal";

// Every auth event of a portal, with IP and user agent: sent, succeeded, failed, blocked, ...
export async function logAccess(
  db: DbOrTx,
  entry: {
    organizationId: string;
    event: AccessEvent;
    portalUserId?: string | null;
    email?: string | null;
    method?: string | null;
    detail?: string | null;
    request: RequestInfo;
  },
): Promise<void> {
  await db.insert(portalAccessLog).values({
    organizationId: entry.organizationId,
    portalUserId: entry.portalUserId ?? null,
    email: entry.email ? entry.email.slice(0, 320) : null,
    event: entry.event,
    method: entry.method ?? null,
    detail: entry.detail ?? null,
    ip: entry.request.ip,
    userAgent: entry.request.userAgent,
    createdAt: now(), // the business clock, like every expiry it is compared with
  });
}
