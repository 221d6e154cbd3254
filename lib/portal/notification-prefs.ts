import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { portalUsers, type NotificationPrefs } from "@/db/schema";
import { dbNow } from "@/db/schema/columns";
import { formFail, formOk, type FormResult } from "./form-result";
import type { PortalActor } from "./account";

// Which billing emails a portal user wants (Settings): stored per user in
// portal_users.notification_prefs, read by lib/email/notifications.ts when it picks recipients.
// Everyone decides for themselves only; no permission needed beyond being signed in.
export const NOTIFICATION_KINDS = ["invoice_issued", "payment_failed", "upcoming_renewal", "usage_threshold"] as const satisfies ReadonlyArray<keyof NotificationPrefs>;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The column's default: billing emails on, usage alerts off. */
export const DEFAULT_NOTIFICATION_PREFS: NotificationPrefs = { invoice_issued: true, payment_failed: true, upcoming_renewal: true, usage_threshold: false };

const own = (actor: PortalActor) =>
  and(eq(portalUsers.id, actor.user.id), eq(portalUsers.organizationId, actor.tenant.id), eq(portalUsers.billingAccountId, actor.user.billingAccountId), eq(portalUsers.status, "active"));

export async function getNotificationPrefs(db: DbOrTx, actor: PortalActor): Promise<NotificationPrefs> {
  const [row] = await db.select({ prefs: portalUsers.notificationPrefs }).from(portalUsers).where(own(actor));
  return { ...DEFAULT_NOTIFICATION_PREFS, ...row?.prefs };
}

/** Saves all four choices at once (a checkbox form: a kind missing from `chosen` is off). */
export async function saveNotificationPrefs(db: DbOrTx, actor: PortalActor, chosen: ReadonlySet<string>): Promise<FormResult<NotificationPrefs>> {
  const prefs = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, chosen.has(k)])) as NotificationPrefs;
  const [row] = await db.update(portalUsers).set({ notificationPrefs: prefs, updatedAt: dbNow() }).where(own(actor)).returning({ prefs: portalUsers.notificationPrefs });
  return row ? formOk(row.prefs) : formFail("state_conflict");
}
