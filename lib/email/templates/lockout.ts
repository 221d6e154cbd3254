import { formatDateTime } from "@/lib/invoices/format";
import type { Template } from "./context";

/** The account is locked until `unlock_at`; `reset_url` (when password sign-in is on) lets the owner choose a new password now. */
export type LockoutData = { unlock_at: Date | string; reset_url: string | null };

export const lockout: Template<LockoutData> = (data, { brand, locale, t }) => ({
  subject: t.lockout.subject(brand.name),
  heading: t.lockout.heading,
  paragraphs: [t.lockout.intro(formatDateTime(data.unlock_at, locale)), ...(data.reset_url ? [t.lockout.reset] : [])],
  button: data.reset_url ? { label: t.lockout.button, url: data.reset_url } : null,
  after: [t.lockout.notYou],
});
