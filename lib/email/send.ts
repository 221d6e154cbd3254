import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { emailOutbox, type EmailOutboxRow } from "@/db/schema";
import { env } from "@/lib/env";
import { isLocale, type Locale } from "@/lib/i18n/locale";
import { log } from "@/lib/log";
import { deploymentSender, formatMailbox, isEmailAddress, parseMailbox } from "./address";
import { LOGO_CID, loadMerchantBrand } from "./brand";
import { deliverAfterCommit } from "./queue";
import { renderTemplate, type EmailTemplateData, type EmailTemplateName } from "./templates";
import { smtpTransport } from "./transport";

// Email as an outbox: queueEmail renders the template and writes the row in the caller's
// transaction (the email exists exactly when the change that caused it does); deliverEmail
// sends it afterwards, outside that transaction, from a job.
//
// Attempts follow a schedule counted from the row's creation (the table keeps no "next attempt"
// time): at once, then 1 min, 5 min, 30 min and 2 h after creation; a fifth failure is final.
export const ATTEMPT_OFFSETS_SECONDS = [0, 60, 300, 1800, 7200];
export const MAX_ATTEMPTS = ATTEMPT_OFFSETS_SECONDS.length;
/** An application header naming what the email is about (also keeps Gmail from threading unrelated emails). */
export const REF_HEADER = "X-Entity-Ref-ID";

export type QueueEmailInput<K extends EmailTemplateName> = {
  organizationId: string;
  template: K;
  to: string;
  /** The recipient's locale; else the portal's default locale. */
  locale?: Locale | string | null;
  data: EmailTemplateData[K];
  /** What the email is about, for idempotency checks (stored as the X-Entity-Ref-ID header). */
  ref?: string;
};

export async function queueEmail<K extends EmailTemplateName>(db: DbOrTx, input: QueueEmailInput<K>): Promise<EmailOutboxRow> {
  const to = input.to.trim();
  if (!isEmailAddress(to)) throw new Error(`not an email address: ${JSON.stringify(input.to)}`);
  const merchant = await loadMerchantBrand(db, input.organizationId);
  const locale = isLocale(input.locale) ? input.locale : merchant.defaultLocale;
  const rendered = renderTemplate(input.template, input.data, merchant.brand, locale);
  const headers: Record<string, string> = {};
  if (merchant.brand.supportEmail && isEmailAddress(merchant.brand.supportEmail)) headers["Reply-To"] = merchant.brand.supportEmail;
  if (input.ref) headers[REF_HEADER] = input.ref;
  const row = await insertOutboxEmail(db, {
    organizationId: input.organizationId, template: input.template, to,
    from: formatMailbox({ name: merchant.brand.name, address: deploymentSender().address }), rendered, headers,
  });
  deliverAfterCommit([row.id]);
  return row;
}

/** A rendered email into the outbox, where delivery and the sweep pick it up (merchants' and Ciclo's own emails). */
export async function insertOutboxEmail(
  db: DbOrTx,
  input: { organizationId: string | null; template: string; to: string; from: string; rendered: { subject: string; html: string; text: string }; headers: Record<string, string> },
): Promise<EmailOutboxRow> {
  const [row] = await db
    .insert(emailOutbox)
    .values({
      organizationId: input.organizationId, template: input.template, toAddress: input.to, fromAddress: input.from,
      subject: input.rendered.subject, html: input.rendered.html, text: input.rendered.text, headers: input.headers,
    })
    .returning();
  return row!;
}

export type DeliveryOutcome = { status: EmailOutboxRow["status"]; retryAt: Date | null; error: string | null };

export type DeliverOptions = {
  /** Overrides SMTP_URL (null: none, i.e. log only). */
  smtpUrl?: string | null;
  /** "Now" for the retry schedule. */
  at?: Date;
};

const dueAt = (row: Pick<EmailOutboxRow, "createdAt" | "attempts">) => new Date(row.createdAt.getTime() + (ATTEMPT_OFFSETS_SECONDS[row.attempts] ?? 0) * 1000);

/**
 * One delivery attempt of a queued email whose time has come; null when there is nothing to do
 * (sent, logged, failed, not yet due, or being delivered by another worker). The row stays
 * locked during the attempt, so two workers never send one email twice.
 */
export async function deliverEmail(db: DbOrTx, id: string, options: DeliverOptions = {}): Promise<DeliveryOutcome | null> {
  const smtpUrl = options.smtpUrl === undefined ? (env().SMTP_URL ?? null) : options.smtpUrl;
  const at = options.at ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "queued")))
      .for("update", { skipLocked: true });
    if (!row || (row.attempts > 0 && dueAt(row) > at)) return null;
    const where = eq(emailOutbox.id, row.id);
    const attempts = row.attempts + 1;

    if (!smtpUrl) {
      await tx.update(emailOutbox).set({ status: "logged", attempts }).where(where);
      logEmail(row);
      return { status: "logged", retryAt: null, error: null };
    }
    try {
      const info = await smtpTransport(smtpUrl).sendMail(await message(tx, row));
      await tx.update(emailOutbox).set({ status: "sent", attempts, messageId: info.messageId, sentAt: sql`clock_timestamp()`, lastError: null }).where(where);
      return { status: "sent", retryAt: null, error: null };
    } catch (e) {
      const error = (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 500);
      const final = attempts >= MAX_ATTEMPTS;
      await tx.update(emailOutbox).set({ status: final ? "failed" : "queued", attempts, lastError: error }).where(where);
      const retryAt = final ? null : dueAt({ createdAt: row.createdAt, attempts });
      log.warn(final ? "email delivery failed for good" : "email delivery failed", { email_id: row.id, template: row.template, attempt: attempts, error, retry_at: retryAt });
      return { status: final ? "failed" : "queued", retryAt, error };
    }
  });
}

/** The message nodemailer sends: the merchant's name with the deployment's address, Reply-To, the inline logo. */
async function message(db: DbOrTx, row: EmailOutboxRow) {
  const { "Reply-To": replyTo, ...headers } = row.headers;
  const merchant = row.organizationId && row.html.includes(`cid:${LOGO_CID}`) ? await loadMerchantBrand(db, row.organizationId) : null;
  return {
    from: parseMailbox(row.fromAddress),
    to: row.toAddress,
    ...(replyTo && { replyTo }),
    subject: row.subject,
    text: row.text,
    html: row.html,
    headers,
    attachments: merchant?.logo ? [{ filename: merchant.logo.contentType === "image/png" ? "logo.png" : "logo.jpg", content: merchant.logo.content, contentType: merchant.logo.contentType, cid: LOGO_CID }] : [],
  };
}

let warnedNoSmtp = false;

/** Development without SMTP: the email goes to the log, its links on their own lines (magic links are there). */
function logEmail(row: EmailOutboxRow): void {
  if (!warnedNoSmtp && process.env.NODE_ENV === "production") {
    warnedNoSmtp = true;
    log.warn("SMTP_URL is not set: emails are written to the log and email_outbox (status logged), not sent");
  }
  const links = row.text.match(/https?:\/\/\S+/g) ?? [];
  log.info(`email (not sent, SMTP_URL unset): ${row.subject}`, { email_id: row.id, template: row.template, to: row.toAddress, from: row.fromAddress, links, text: row.text });
}

/** Queued emails whose attempt is due (a grace period first lets the after-commit job run). */
export async function dueEmails(db: DbOrTx, at = new Date(), limit = 500): Promise<string[]> {
  const offsets = sql.raw(`array[${ATTEMPT_OFFSETS_SECONDS.join(",")}]::int[]`);
  const rows = await db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(
      eq(emailOutbox.status, "queued"),
      sql`${emailOutbox.createdAt} + make_interval(secs => coalesce((${offsets})[${emailOutbox.attempts} + 1], 0) + 30) <= ${at.toISOString()}::timestamptz`,
    ))
    .orderBy(asc(emailOutbox.createdAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
