import type { BillingAccount } from "@/db/schema";
import { formatDocument } from "@/lib/billing-accounts/documents";
import { formatMoney } from "@/lib/invoices/format";

// How the Customers screens show money, documents and statuses. Money is integer minor units,
// formatted by the project's one formatter (pt-BR: "R$ 1.234,56").
export const money = (cents: number, currency: string) => formatMoney(cents, currency, "pt-BR");

/** "CNPJ 11.222.333/0001-81", or null without a document. */
export const documentText = (a: Pick<BillingAccount, "documentType" | "document">) =>
  a.document && a.documentType ? `${a.documentType.toUpperCase()} ${formatDocument(a.documentType, a.document)}` : null;

const TONES = {
  good: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  warn: "bg-amber-50 text-amber-950 ring-amber-300",
  bad: "bg-red-50 text-red-900 ring-red-200",
  neutral: "bg-slate-100 text-slate-800 ring-slate-300",
} as const;
export type Tone = keyof typeof TONES;

export function Badge({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>{children}</span>;
}

const STATUS_TONES: Record<string, Tone> = {
  active: "good", trialing: "good", paid: "good", succeeded: "good",
  past_due: "bad", unpaid: "bad", failed: "bad", uncollectible: "bad", overdue: "bad",
  open: "warn", pending: "warn", processing: "warn", incomplete: "warn", invited: "warn", scheduled: "warn", paused: "neutral",
};

/** A record's status as the API names it, in words with a colour (never colour alone). */
export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status] ?? "neutral"}>{status.replace(/_/g, " ")}</Badge>;
}
