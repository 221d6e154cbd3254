// The invoice as an A4 PDF: merchant header, parties, lines, totals and the ways to pay.
// `renderInvoicePdf(doc)` is the only entry point; lib/invoices/pdf-data.ts gathers `doc`.
import { Document, Image as PdfImage, Link, Page, renderToBuffer, View } from "@react-pdf/renderer";
import { pixQrPngDataUrl } from "@/lib/payments/pix";
import type { InvoiceDocument } from "./document";
import { formatAddressLines, formatDate, formatDateRange, formatMoney, formatTaxId, taxIdType } from "./format";
import { invoiceLabels, type InvoiceLabels } from "./pdf-labels";
import { LinesTable, Totals } from "./pdf-lines";
import { BoletoBlock, NfeBlock, PixBlock } from "./pdf-payment";
import { MUTED, palette, styles, T, type Palette } from "./pdf-theme";

export async function renderInvoicePdf(doc: InvoiceDocument): Promise<Buffer> {
  const qrPng = doc.pix ? dataUrlToBuffer(await pixQrPngDataUrl(doc.pix.payload)) : null;
  return renderToBuffer(<InvoicePdf doc={doc} qrPng={qrPng} />);
}

function dataUrlToBuffer(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64");
}

type Props = { doc: InvoiceDocument; labels: InvoiceLabels; colors: Palette };

const BADGES: Partial<Record<InvoiceDocument["invoice"]["status"], { background: string; color: string }>> = {
  paid: { background: "#dcfce7", color: "#166534" },
  void: { background: "#e5e7eb", color: "#374151" },
  uncollectible: { background: "#fee2e2", color: "#991b1b" },
};

export function InvoicePdf({ doc, qrPng }: { doc: InvoiceDocument; qrPng: Buffer | null }) {
  const labels = invoiceLabels(doc.locale);
  const colors = palette(doc.merchant.brand_color);
  const number = doc.invoice.number ?? labels.draft;
  const props = { doc, labels, colors };
  return (
    <Document
      title={`${labels.invoice} ${number}`}
      author={doc.merchant.legal_name ?? doc.merchant.name}
      creator="Ciclo"
      producer="Ciclo"
      language={doc.locale}
    >
      <Page size="A4" style={styles.page}>
        <View fixed style={[styles.band, { backgroundColor: colors.brand }]} />
        <View style={styles.body}>
          <Header {...props} />
          <Meta {...props} />
          <Parties {...props} />
          <Headline {...props} />
          <LinesTable {...props} />
          <Totals {...props} />
          {doc.invoice.memo ? (
            <View style={styles.section} wrap={false}>
              <T style={[styles.strong, { marginBottom: 2 }]}>{labels.memo}</T>
              <T>{doc.invoice.memo}</T>
            </View>
          ) : null}
          <BoletoBlock {...props} />
          <PixBlock {...props} qrPng={qrPng} />
          <NfeBlock {...props} />
        </View>
        <Footer {...props} />
      </Page>
    </Document>
  );
}

function Header({ doc, labels }: Props) {
  const { merchant, invoice } = doc;
  const badge = BADGES[invoice.status];
  return (
    <View style={styles.titleRow}>
      <View style={{ flexDirection: "row" }}>
        <T style={styles.title}>{labels.invoice}</T>
        {badge ? (
          <T style={[styles.badge, { backgroundColor: badge.background, color: badge.color }]}>
            {labels.status[invoice.status].toUpperCase()}
          </T>
        ) : null}
      </View>
      {merchant.logo ? (
        <PdfImage src={merchant.logo} style={styles.logo} />
      ) : (
        <T style={styles.merchantName}>{merchant.name}</T>
      )}
    </View>
  );
}

function MetaRow({ label, value }: { label: string; value: string }) {
  return (
    <View style={styles.metaRow}>
      <T style={styles.metaLabel}>{label}</T>
      <T style={styles.metaValue}>{value}</T>
    </View>
  );
}

function Meta({ doc, labels }: Props) {
  const { invoice, locale } = doc;
  return (
    <View style={styles.meta}>
      <MetaRow label={labels.number} value={invoice.number ?? labels.draft} />
      <MetaRow label={labels.issueDate} value={formatDate(invoice.finalized_at ?? invoice.created_at, locale)} />
      {invoice.due_at ? <MetaRow label={labels.dueDate} value={formatDate(invoice.due_at, locale)} /> : null}
      {invoice.period_start && invoice.period_end ? (
        <MetaRow label={labels.servicePeriod} value={formatDateRange(invoice.period_start, invoice.period_end, locale, "long")} />
      ) : null}
      <MetaRow label={labels.currency} value={invoice.currency} />
    </View>
  );
}

function Parties({ doc, labels }: Props) {
  const { merchant, customer, locale } = doc;
  const taxIdLabel = (type: "cpf" | "cnpj" | null) => (type === "cpf" ? labels.taxIdCpf : labels.taxIdCnpj);
  const customerTaxLabel = taxIdLabel(customer.document_type ?? (customer.document ? taxIdType(customer.document) : null));
  return (
    <View style={styles.parties}>
      <View style={styles.party}>
        <T style={styles.partyHeading}>{merchant.name}</T>
        {merchant.legal_name && merchant.legal_name !== merchant.name ? <T>{merchant.legal_name}</T> : null}
        {merchant.tax_id ? <T>{`${taxIdLabel(taxIdType(merchant.tax_id))} ${formatTaxId(merchant.tax_id)}`}</T> : null}
        {merchant.address ? formatAddressLines(merchant.address, locale).map((line) => <T key={line}>{line}</T>) : null}
        {merchant.support_email ? <T>{merchant.support_email}</T> : null}
      </View>
      <View style={styles.party}>
        <T style={[styles.muted, { marginBottom: 2 }]}>{labels.billTo}</T>
        <T style={styles.partyHeading}>{customer.name}</T>
        {customer.legal_name && customer.legal_name !== customer.name ? <T>{customer.legal_name}</T> : null}
        {customer.document ? <T>{`${customerTaxLabel} ${formatTaxId(customer.document, customer.document_type)}`}</T> : null}
        {customer.tax_address ? formatAddressLines(customer.tax_address, locale).map((line) => <T key={line}>{line}</T>) : null}
        <T>{customer.email}</T>
      </View>
    </View>
  );
}

function Headline({ doc, labels, colors }: Props) {
  const { invoice, locale } = doc;
  const paid = invoice.status === "paid";
  const amount = formatMoney(paid ? invoice.amount_paid_cents : invoice.amount_due_cents, invoice.currency, locale);
  const date = paid ? invoice.paid_at : invoice.due_at;
  const text = (paid ? labels.paidHeadline : labels.dueHeadline)(amount, date ? formatDate(date, locale) : null);
  const showPayLink = invoice.payment_url && invoice.status === "open";
  if (invoice.status === "void") return null;
  return (
    <View style={styles.section}>
      <T style={[styles.headline, { color: colors.accentText }]}>{text}</T>
      {showPayLink && invoice.payment_url ? (
        <Link src={invoice.payment_url} style={[styles.link, { color: colors.accentText }]}>
          <T>{`${labels.payOnline}: ${invoice.payment_url}`}</T>
        </Link>
      ) : null}
    </View>
  );
}

function Footer({ doc, labels }: Props) {
  const { invoice, merchant, locale } = doc;
  const left = [invoice.number ?? labels.draft, formatMoney(invoice.amount_due_cents, invoice.currency, locale)];
  if (merchant.support_email) left.push(`${labels.questions} ${merchant.support_email}`);
  return (
    <View fixed style={styles.footer}>
      <T style={{ color: MUTED, maxWidth: 400 }}>{left.join("  ·  ")}</T>
      <T style={{ color: MUTED }} render={({ pageNumber, totalPages }) => labels.page(pageNumber, totalPages)} />
    </View>
  );
}
