import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { emailOutbox, users } from "@/db/schema";
import { deliverInBackground, queuePlatformEmail } from "@/lib/email/platform";
import { appUrl } from "@/lib/env";
import { log } from "@/lib/log";

// Staff sign-in by email link (Auth.js's email provider, auth.config.ts). Auth.js makes the
// token (stored hashed in verification_tokens by the Drizzle adapter, deleted when used) and
// the URL; we send it through our outbox, as Ciclo. Only existing staff get an email, and at
// most a few per quarter hour; the page says the same thing either way.
export const STAFF_LINK_MINUTES = 15;
export const STAFF_LINK_TEMPLATE = "staff_magic_link";
const MAX_LINKS_PER_WINDOW = 5;

/** A staff user by email, ignoring case (users are unique by lower(email)); shaped as Auth.js's adapter user. */
export async function findStaffUserByEmail(db: DbOrTx, email: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, emailVerified: users.emailVerified, image: users.image })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email.trim()})`);
  return user ?? null;
}

/**
 * The staff user a sign-in link may be sent to now: one that exists and has had fewer than a
 * few links this quarter hour. Decided before Auth.js stores a token, so an unknown or throttled
 * address leaves nothing behind (and the answer stays the same).
 */
export async function staffLinkRecipient(db: DbOrTx, email: string) {
  const user = await findStaffUserByEmail(db, email);
  if (!user) return null;
  const since = new Date(Date.now() - STAFF_LINK_MINUTES * 60_000);
  // Ciclo's own emails have no organization: the (organization_id, created_at) index finds the recent ones.
  const [recent] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(emailOutbox)
    .where(and(isNull(emailOutbox.organizationId), gt(emailOutbox.createdAt, since), eq(emailOutbox.template, STAFF_LINK_TEMPLATE), sql`lower(${emailOutbox.toAddress}) = lower(${user.email})`));
  if ((recent?.n ?? 0) >= MAX_LINKS_PER_WINDOW) {
    log.warn("staff sign-in link throttled", { user_id: user.id });
    return null;
  }
  return user;
}

/** The link on the deployment's own address (APP_URL), whatever Host the request carried. */
export function onAppOrigin(url: string): string {
  const link = new URL(url);
  const base = new URL(appUrl());
  link.protocol = base.protocol;
  link.host = base.host;
  return link.toString();
}

/** Emails the link Auth.js made to a staff user (staffLinkRecipient already said yes: see auth.config.ts). */
export async function sendStaffSignInLink(db: DbOrTx, input: { email: string; url: string }): Promise<"sent" | "unknown"> {
  const user = await findStaffUserByEmail(db, input.email);
  if (!user) return "unknown";
  const url = onAppOrigin(input.url);
  const row = await queuePlatformEmail(db, {
    organizationId: null,
    template: STAFF_LINK_TEMPLATE,
    to: user.email,
    content: {
      subject: "Your Ciclo sign-in link",
      heading: "Sign in to Ciclo",
      paragraphs: [`Use the button below to sign in to the Ciclo admin as ${user.email}.`, `The link works once and expires in ${STAFF_LINK_MINUTES} minutes.`],
      button: { label: "Sign in", url },
      after: ["If you did not ask for this, you can ignore this email: nobody can sign in without the link."],
    },
  });
  deliverInBackground(db, row.id);
  return "sent";
}
