import { formatDateTime } from "@/lib/invoices/format";
import type { Template } from "./context";

/** Sent to the new address: the change applies only when this link is opened (lib/portal/email-change.ts). */
export type EmailChangeData = { new_email: string; url: string; expires_in_hours: number };

export const emailChange: Template<EmailChangeData> = (data, { brand, t }) => ({
  subject: t.emailChange.subject(brand.name),
  heading: t.emailChange.heading,
  paragraphs: [t.emailChange.intro(data.new_email, brand.name), t.emailChange.expires(data.expires_in_hours)],
  button: { label: t.emailChange.button, url: data.url },
  after: [t.common.notYou],
});

/** Sent to the old address once the change applied; the new one is shown masked (j***@example.com). */
export type EmailChangedData = { new_email_masked: string; changed_at: Date | string };

export const emailChanged: Template<EmailChangedData> = (data, { brand, locale, t }) => ({
  subject: t.emailChanged.subject(brand.name),
  heading: t.emailChanged.heading,
  paragraphs: [t.emailChanged.intro(data.new_email_masked, formatDateTime(data.changed_at, locale), brand.name)],
  after: [t.emailChanged.notYou(brand.name)],
});
