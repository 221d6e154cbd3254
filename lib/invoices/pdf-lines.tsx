// The invoice PDF's lines table and totals block.
import { View } from "@react-pdf/renderer";
import type { InvoiceDocument } from "./document";
import { formatDateRange, formatMoney, formatNumber, formatSubcents } from "./format";
import type { InvoiceLabels } from "./pdf-labels";
import { styles, T, type Palette } from "./pdf-theme";

type Props = { doc: InvoiceDocument; labels: InvoiceLabels; colors: Palette };

export function LinesTable({ doc, labels, colors }: Props) {
  const { locale } = doc;
  const { currency } = doc.invoice;
  return (
    <View style={styles.section}>
      {/* fixed inside the table: react-pdf repeats it on every page the table continues on */}
      <View fixed style={[styles.tableHeader, { borderBottomColor: colors.brand }]}>
        <T style={styles.colDescription}>{labels.description}</T>
        <T style={styles.colQuantity}>{labels.quantity}</T>
        <T style={styles.colUnit}>{labels.unitPrice}</T>
        <T style={styles.colAmount}>{labels.amount}</T>
      </View>
      {doc.lines.map((line, index) => {
        // Discount and credit lines are stored negative; show them negative whatever the sign.
        const negative = line.kind === "discount" || line.kind === "credit";
        const amount = negative ? -Math.abs(line.amount_cents) : line.amount_cents;
        return (
          <View key={index} style={styles.row} wrap={false}>
            <View style={styles.colDescription}>
              <T>{line.description}</T>
              {line.period_start && line.period_end ? (
                <T style={styles.period}>{formatDateRange(line.period_start, line.period_end, locale)}</T>
              ) : null}
            </View>
            <T style={styles.colQuantity}>{line.quantity === null ? "" : formatNumber(line.quantity, locale)}</T>
            <T style={styles.colUnit}>
              {line.unit_amount_subcents === null ? "" : formatSubcents(line.unit_amount_subcents, currency, locale)}
            </T>
            <T style={styles.colAmount}>{formatMoney(amount, currency, locale)}</T>
          </View>
        );
      })}
    </View>
  );
}

export function Totals({ doc, labels, colors }: Props) {
  const { invoice, locale } = doc;
  const money = (cents: number) => formatMoney(cents, invoice.currency, locale);
  // In the order the arithmetic runs: total = subtotal - discount; due = total - credit.
  const rows: Array<{ label: string; value: string; strong?: boolean; rule?: boolean }> = [
    { label: labels.subtotal, value: money(invoice.subtotal_cents) },
  ];
  if (invoice.discount_cents > 0) rows.push({ label: labels.discount, value: money(-invoice.discount_cents) });
  rows.push({ label: labels.total, value: money(invoice.total_cents), rule: true });
  if (invoice.credit_applied_cents > 0) rows.push({ label: labels.creditApplied, value: money(-invoice.credit_applied_cents) });
  rows.push({ label: labels.amountDue, value: money(invoice.amount_due_cents), strong: true, rule: true });
  if (invoice.amount_paid_cents > 0) rows.push({ label: labels.amountPaid, value: money(invoice.amount_paid_cents) });
  if (invoice.amount_refunded_cents > 0) rows.push({ label: labels.amountRefunded, value: money(invoice.amount_refunded_cents) });

  return (
    <View style={styles.totals} wrap={false}>
      {rows.map((row) => (
        <View
          key={row.label}
          style={[styles.totalRow, row.rule ? styles.totalRule : {}, row.strong ? { borderTopColor: colors.brand, borderTopWidth: 1.2 } : {}]}
        >
          <T style={row.strong ? styles.strong : {}}>{row.label}</T>
          <T style={row.strong ? styles.strong : {}}>{row.value}</T>
        </View>
      ))}
    </View>
  );
}
