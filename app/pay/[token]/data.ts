import type { Metadata } from "next";
import { cache } from "react";
import { payLabels } from "@/components/pay/labels";
import { getDb } from "@/db";
import { payLinkPage, type PayLinkPage } from "@/lib/pay-link/lookup";

// Shared by the payment page on the root host and on portal hosts.

/** Read once per request: the page and its metadata share it. */
export const loadPayLinkPage = cache((token: string) => payLinkPage(getDb(), token));

/** Never indexed, and the token never leaves in a Referer (the NF-e and e-mail links lead elsewhere). */
export function payLinkMetadata(page: PayLinkPage | null): Metadata {
  const base: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };
  if (!page) return { ...base, title: "Page not found" };
  const labels = payLabels(page.doc.locale);
  return { ...base, title: `${labels.invoice} ${page.doc.invoice.number ?? ""} · ${page.doc.merchant.name}` };
}
