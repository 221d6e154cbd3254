import type { ReactNode } from "react";
import { formatDate, formatDateTime } from "@/lib/invoices/format";
import type { PayLinkPage } from "@/lib/pay-link/lookup";
import type { PayFormAction } from "@/lib/pay-link/pay";
import { barcodeSvg, formatDigitableLine } from "@/lib/payments/boleto";
import type { PendingBoleto, PendingPix } from "@/lib/payments/pending";
import { pixQrSvg } from "@/lib/payments/pix";
import { CopyButton } from "./copy-button";
import type { PayLabels } from "./labels";
import { PayButtons, SimulateButton } from "./pay-buttons";

// The right-hand side of the payment page: the invoice's state (paid, voided), or the ways to pay
// it — the PIX and boleto already issued, buttons for the others — and, in a sandbox, a way to
// simulate the customer paying.
type Props = { page: PayLinkPage; labels: PayLabels; actions: { pay: PayFormAction; simulate: PayFormAction } };

const svgDataUrl = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;

export async function PaymentPanel({ page, labels, actions }: Props) {
  const { doc, pending, payable } = page;
  const { invoice, locale } = doc;
  if (invoice.status === "paid") {
    return (
      <Card tone="success" testId="invoice-paid">
        <h2 className="text-lg font-semibold text-emerald-950">{labels.paidTitle}</h2>
        {invoice.paid_at ? <p className="mt-1 text-sm text-emerald-900">{labels.paidOn(formatDate(invoice.paid_at, locale))}</p> : null}
      </Card>
    );
  }
  if (invoice.status === "void" || !payable) {
    return (
      <Card>
        <h2 className="text-lg font-semibold text-zinc-950">{invoice.status === "void" ? labels.voidTitle : labels.nothingDue}</h2>
        {invoice.status === "void" ? <p className="mt-1 text-sm text-zinc-700">{labels.voidText}</p> : null}
      </Card>
    );
  }

  const pix = pending.pix && !pending.pix.expired ? pending.pix : null;
  const boleto = pending.boleto;
  const buttons: Array<{ method: "pix" | "boleto"; label: string }> = [];
  if (!pix) buttons.push({ method: "pix", label: pending.pix ? labels.newPix : labels.payWithPix });
  if (!boleto || boleto.overdue) buttons.push({ method: "boleto", label: boleto ? labels.newBoleto : labels.generateBoleto });

  return (
    <div className="space-y-6">
      <Card>
        <h2 className="text-lg font-semibold text-zinc-950">{labels.payTitle}</h2>
        {!pix && !boleto ? <p className="mt-1 text-sm text-zinc-700">{labels.payHelp}</p> : null}
        {pending.pix?.expired && !pix ? <Notice>{labels.pixExpired}</Notice> : null}
        {pix ? <PixBlock pix={pix} labels={labels} locale={locale} /> : null}
        {boleto ? <BoletoBlock boleto={boleto} labels={labels} locale={locale} /> : null}
        {buttons.length > 0 ? (
          <div className="mt-5">
            <PayButtons action={actions.pay} buttons={buttons} working={labels.working} errors={labels.errors} />
          </div>
        ) : null}
      </Card>
      {page.target.mode === "test" ? (
        <div className="rounded-xl border border-amber-300 bg-amber-50 p-6">
          <p className="mb-3 text-sm text-amber-950">{labels.simulateHelp}</p>
          <SimulateButton action={actions.simulate} label={labels.simulate} working={labels.working} errors={labels.errors} />
        </div>
      ) : null}
    </div>
  );
}

async function PixBlock({ pix, labels, locale }: { pix: PendingPix; labels: PayLabels; locale: string }) {
  const qr = await pixQrSvg(pix.payload);
  return (
    <section aria-labelledby="pix-heading" className="mt-5 border-t border-zinc-200 pt-5" data-testid="pix">
      <h3 id="pix-heading" className="font-semibold text-zinc-950">{labels.pixTitle}</h3>
      <p className="mt-1 text-sm text-zinc-700">{labels.pixHelp}</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG data URL, nothing to optimize */}
      <img src={svgDataUrl(qr)} alt={labels.pixQrAlt} width={224} height={224} className="mx-auto mt-4 h-56 w-56" />
      <label htmlFor="pix-code" className="mt-4 block text-sm font-medium text-zinc-700">{labels.pixCode}</label>
      <textarea
        id="pix-code"
        readOnly
        rows={4}
        value={pix.payload}
        className="mt-1 w-full resize-none break-all rounded-md border border-zinc-300 bg-zinc-50 p-2 font-mono text-xs text-zinc-900"
      />
      <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
        <CopyButton text={pix.payload} label={labels.copy} copiedLabel={labels.copied} />
        <p className="text-sm text-zinc-600">
          {labels.pixValidUntil} {formatDateTime(pix.expires_at, locale)}
        </p>
      </div>
    </section>
  );
}

function BoletoBlock({ boleto, labels, locale }: { boleto: PendingBoleto; labels: PayLabels; locale: string }) {
  const line = safe(() => formatDigitableLine(boleto.digitable_line)) ?? boleto.digitable_line;
  const bars = safe(() => barcodeSvg(boleto.barcode, { height: 50 }));
  return (
    <section aria-labelledby="boleto-heading" className="mt-5 border-t border-zinc-200 pt-5" data-testid="boleto">
      <h3 id="boleto-heading" className="font-semibold text-zinc-950">{labels.boletoTitle}</h3>
      <p className="mt-1 text-sm text-zinc-700">{labels.boletoHelp}</p>
      {boleto.overdue ? <Notice>{labels.boletoOverdue}</Notice> : null}
      <p className="mt-4 text-sm font-medium text-zinc-700" id="boleto-line-label">{labels.digitableLine}</p>
      <p aria-labelledby="boleto-line-label" className="mt-1 select-all break-words font-mono text-sm text-zinc-950">{line}</p>
      {bars ? (
        // eslint-disable-next-line @next/next/no-img-element -- an inline SVG data URL, nothing to optimize
        <img src={svgDataUrl(bars)} alt={labels.barcodeAlt} className="mt-3 h-14 w-full object-fill" />
      ) : null}
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <CopyButton text={boleto.digitable_line} label={labels.copy} copiedLabel={labels.copied} />
        <p className="text-sm text-zinc-600">
          {labels.dueDate}: <span className="font-medium text-zinc-900">{formatDate(boleto.due_date, locale)}</span>
        </p>
      </div>
    </section>
  );
}

/** A malformed stored instrument shows what it can instead of failing the page. */
function safe<T>(make: () => T): T | null {
  try {
    return make();
  } catch {
    return null;
  }
}

function Card({ children, tone, testId }: { children: ReactNode; tone?: "success"; testId?: string }) {
  const look = tone === "success" ? "border-emerald-300 bg-emerald-50" : "border-zinc-200 bg-white";
  return <section data-testid={testId} className={`rounded-xl border p-6 shadow-sm ${look}`}>{children}</section>;
}

function Notice({ children }: { children: ReactNode }) {
  return <p role="status" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">{children}</p>;
}
