import Link from "next/link";
import type { ReactNode } from "react";
import type { PaymentWithRefunds } from "@/lib/payments/refunds";
import { formatMoney } from "@/lib/invoices/format";
import { DataTable } from "../table/data-table";
import { tdClass, when } from "../table/format";
import { CustomerLink } from "./detail";
import { StatusBadge } from "./status-badge";
import type { AccountName } from "@/lib/admin/billing-lists";

// Payments (attempts to collect an invoice) as a table: on the Payments list and an invoice's page.
export const METHOD_LABEL: Record<string, string> = { card: "Card", boleto: "Boleto", pix: "PIX" };

export function PaymentsTable({ caption, payments, slug, locale, accounts, empty }: {
  caption: ReactNode;
  payments: PaymentWithRefunds[];
  slug: string;
  locale: string;
  accounts?: Map<string, AccountName>;
  empty: ReactNode;
}) {
  const base = `/admin/${slug}/payments`;
  return (
    <DataTable
      caption={caption}
      columns={["Payment", ...(accounts ? ["Customer"] : []), "Method", "Status", "Amount", "Refunded", "Created"]}
      empty={payments.length === 0 ? empty : null}
    >
      {payments.map((p) => {
        const account = accounts?.get(p.billingAccountId);
        return (
          <tr key={p.id} className="border-b border-slate-100 last:border-0" data-testid="payment-row">
            <th scope="row" className={`${tdClass} font-normal`}>
              <Link href={`${base}/${p.id}`} className="font-mono font-medium text-teal-800 underline hover:text-teal-950">{p.receiptNumber ?? `Attempt ${p.attemptNumber}`}</Link>
              {p.failureCode ? <div className="text-xs text-red-800">{p.failureCode.replace(/_/g, " ")}</div> : null}
            </th>
            {accounts ? <td className={tdClass}><CustomerLink slug={slug} id={p.billingAccountId} name={account?.name} email={account?.email} /></td> : null}
            <td className={tdClass}>{METHOD_LABEL[p.methodType] ?? p.methodType}</td>
            <td className={tdClass}><StatusBadge status={p.status} /></td>
            <td className={`${tdClass} whitespace-nowrap tabular-nums`}>{formatMoney(p.amountCents, p.currency, locale)}</td>
            <td className={`${tdClass} whitespace-nowrap tabular-nums`}>{p.amountRefundedCents ? formatMoney(p.amountRefundedCents, p.currency, locale) : "—"}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(p.createdAt)}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
