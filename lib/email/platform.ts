import type { DbOrTx } from "@/db";
import type { EmailOutboxRow } from "@/db/schema";
import { log } from "@/lib/log";
import { deploymentSender, formatMailbox, isEmailAddress } from "./address";
import { deliverEmail, insertOutboxEmail } from "./send";
import { renderEmail, type EmailBrand, type EmailContent } from "./templates/layout";

// Ciclo's own emails to merchant staff (admin sign-in links, staff invitations): branded as
// Ciclo, in English like the admin area, through the same outbox and SMTP delivery as the
// merchants' emails (a failed attempt is retried by the email sweep).
export const CICLO_BRAND: EmailBrand = { name: "Ciclo", logoCid: null, primaryColor: "#0f766e", supportEmail: null, footerLegalText: null };

export async function queuePlatformEmail(
  db: DbOrTx,
  input: { organizationId: string | null; template: string; to: string; content: EmailContent },
): Promise<EmailOutboxRow> {
  const to = input.to.trim();
  if (!isEmailAddress(to)) throw new Error(`not an email address: ${JSON.stringify(input.to)}`);
  const rendered = renderEmail(input.content, CICLO_BRAND, "en");
  return insertOutboxEmail(db, { organizationId: input.organizationId, template: input.template, to, from: formatMailbox(deploymentSender()), rendered, headers: {} });
}

/**
 * First delivery attempt without making the caller wait (call it after the row is committed):
 * the page answers the same whether or not an email went out, and as fast.
 */
export function deliverInBackground(db: DbOrTx, emailId: string): void {
  void deliverEmail(db, emailId).catch((error: unknown) => log.warn("email delivery attempt failed", { email_id: emailId, error: String(error) }));
}
