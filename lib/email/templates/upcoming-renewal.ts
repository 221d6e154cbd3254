import { formatDate, formatMoney } from "@/lib/invoices/format";
import type { Template } from "./context";

/** `amount_cents`: the licensed items for the next period, before usage and discounts (an estimate). */
export type UpcomingRenewalData = { description: string; renews_at: Date | string; currency: string; amount_cents: number };

export const upcomingRenewal: Template<UpcomingRenewalData> = (data, { brand, locale, t }) => {
  const date = formatDate(data.renews_at, locale);
  return {
    subject: t.upcomingRenewal.subject(date, brand.name),
    heading: t.upcomingRenewal.heading,
    paragraphs: [t.upcomingRenewal.intro(data.description, date)],
    details: [[t.upcomingRenewal.renewsOn, date], [t.upcomingRenewal.amount, formatMoney(data.amount_cents, data.currency, locale)]],
    after: [t.upcomingRenewal.note],
  };
};
