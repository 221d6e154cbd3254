import { formatDate, formatMoney } from "@/lib/invoices/format";
import type { Template } from "./context";

export type InvoiceIssuedData = {
  number: string;
  currency: string;
  total_cents: number;
  amount_due_cents: number;
  due_at: Date | string | null;
  /** The invoice is charged to the payment method on file (the link is an alternative). */
  charge_automatically: boolean;
  payment_url: string | null;
  pdf_url: string | null;
};

export const invoiceIssued: Template<InvoiceIssuedData> = (data, { brand, locale, t }) => {
  const money = (cents: number) => formatMoney(cents, data.currency, locale);
  const details: Array<[string, string]> = [[t.invoiceIssued.number, data.number], [t.invoiceIssued.total, money(data.total_cents)]];
  if (data.amount_due_cents !== data.total_cents) details.push([t.invoiceIssued.amountDue, money(data.amount_due_cents)]);
  if (data.due_at) details.push([t.invoiceIssued.dueDate, formatDate(data.due_at, locale)]);
  return {
    subject: t.invoiceIssued.subject(data.number, brand.name),
    heading: t.invoiceIssued.heading,
    paragraphs: [t.invoiceIssued.intro(brand.name), ...(data.charge_automatically ? [t.invoiceIssued.automatic] : [])],
    details,
    button: data.payment_url ? { label: t.invoiceIssued.button, url: data.payment_url } : null,
    links: data.pdf_url ? [{ label: t.invoiceIssued.pdf, url: data.pdf_url }] : [],
  };
};
