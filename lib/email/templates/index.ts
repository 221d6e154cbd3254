import type { Locale } from "@/lib/i18n/locale";
import { templateContext, type Template } from "./context";
import { emailChange, emailChanged, type EmailChangeData, type EmailChangedData } from "./email-change";
import { invite, type InviteData } from "./invite";
import { invoiceIssued, type InvoiceIssuedData } from "./invoice-issued";
import { renderEmail, type EmailBrand, type RenderedEmail } from "./layout";
import { lockout, type LockoutData } from "./lockout";
import { magicLink, type MagicLinkData } from "./magic-link";
import { passwordReset, type PasswordResetData } from "./password-reset";
import { paymentFailed, type PaymentFailedData } from "./payment-failed";
import { proposal, type ProposalData } from "./proposal";
import { upcomingRenewal, type UpcomingRenewalData } from "./upcoming-renewal";

// Every email Ciclo sends, by the name stored in email_outbox.template, with the data it needs.
export type EmailTemplateData = {
  magic_link: MagicLinkData;
  invite: InviteData;
  password_reset: PasswordResetData;
  lockout: LockoutData;
  invoice_issued: InvoiceIssuedData;
  payment_failed: PaymentFailedData;
  upcoming_renewal: UpcomingRenewalData;
  email_change: EmailChangeData;
  email_changed: EmailChangedData;
  proposal: ProposalData;
};
export type EmailTemplateName = keyof EmailTemplateData;

const templates: { [K in EmailTemplateName]: Template<EmailTemplateData[K]> } = {
  magic_link: magicLink,
  invite,
  password_reset: passwordReset,
  lockout,
  invoice_issued: invoiceIssued,
  payment_failed: paymentFailed,
  upcoming_renewal: upcomingRenewal,
  email_change: emailChange,
  email_changed: emailChanged,
  proposal,
};

export const EMAIL_TEMPLATES = Object.keys(templates) as EmailTemplateName[];

/** Subject, HTML and plain text of a template in a locale, branded for the merchant. */
export function renderTemplate<K extends EmailTemplateName>(name: K, data: EmailTemplateData[K], brand: EmailBrand, locale: Locale): RenderedEmail {
  const template = templates[name] as Template<EmailTemplateData[K]>;
  return renderEmail(template(data, templateContext(brand, locale)), brand, locale);
}

export { escapeHtml, type EmailBrand, type RenderedEmail } from "./layout";
