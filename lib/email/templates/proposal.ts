import { formatDateTime, formatMoney } from "@/lib/invoices/format";
import type { Template } from "./context";

/** A merchant's offer (lib/proposals/send.ts): what is offered, its recurring amount, until when, and the portal link. */
export type ProposalData = {
  account_name: string;
  /** The plan's name, or the items' names. */
  offer: string;
  currency: string | null;
  /** Licensed items per billing period, before discounts; null when only usage is billed. */
  amount_cents: number | null;
  valid_until: Date | string;
  message: string | null;
  url: string;
};

export const proposal: Template<ProposalData> = (data, { brand, locale, t }) => {
  const details: Array<[string, string]> = [[t.proposal.offer, data.offer]];
  if (data.amount_cents !== null && data.currency) details.push([t.proposal.amount, formatMoney(data.amount_cents, data.currency, locale)]);
  details.push([t.proposal.validUntil, formatDateTime(data.valid_until, locale)]);
  return {
    subject: t.proposal.subject(brand.name),
    heading: t.proposal.heading,
    paragraphs: [t.proposal.intro(brand.name, data.account_name), ...(data.message ? [t.proposal.message(brand.name), data.message] : [])],
    details,
    button: { label: t.proposal.button, url: data.url },
  };
};
