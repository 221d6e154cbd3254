import { formatDate, formatMoney } from "@/lib/invoices/format";
import type { Template } from "./context";

export type PaymentFailedData = {
  invoice_number: string;
  currency: string;
  amount_cents: number;
  /** The gateway's failure code (card_declined, insufficient_funds…): said in words. */
  failure_code: string;
  next_retry_at: Date | string | null;
  payment_url: string | null;
};

export const paymentFailed: Template<PaymentFailedData> = (data, { locale, t }) => {
  const reasons = t.paymentFailed.reasons;
  const reason = data.failure_code in reasons ? reasons[data.failure_code as keyof typeof reasons] : reasons.other;
  return {
    subject: t.paymentFailed.subject(data.invoice_number),
    heading: t.paymentFailed.heading,
    paragraphs: [
      t.paymentFailed.intro(formatMoney(data.amount_cents, data.currency, locale), data.invoice_number),
      data.next_retry_at ? t.paymentFailed.nextRetry(formatDate(data.next_retry_at, locale)) : t.paymentFailed.noRetry,
    ],
    details: [[t.paymentFailed.reason, reason]],
    button: data.payment_url ? { label: t.paymentFailed.button, url: data.payment_url } : null,
  };
};
