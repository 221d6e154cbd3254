import type { PayLinkPage } from "@/lib/pay-link/lookup";
import type { PayFormAction } from "@/lib/pay-link/pay";
import { brandStyle } from "./brand";
import { InvoiceSummary } from "./invoice-summary";
import { payLabels } from "./labels";
import { PaymentPanel } from "./payment-panel";

// The public payment page (/pay/<token>) in the merchant's brand: who bills, the invoice, and how
// to pay it. The same page on the root host and on the merchant's portal host.
type Props = {
  page: PayLinkPage;
  token: string;
  actions: { pay: PayFormAction; simulate: PayFormAction };
  /** False inside the portal, whose layout already shows the sandbox banner. */
  showTestBanner: boolean;
};

export function PayPage({ page, token, actions, showTestBanner }: Props) {
  const { doc } = page;
  const labels = payLabels(doc.locale);
  const { merchant } = doc;
  const logo = merchant.logo ? `data:image/${merchant.logo.format === "png" ? "png" : "jpeg"};base64,${merchant.logo.data.toString("base64")}` : null;
  return (
    <div lang={doc.locale} style={brandStyle(merchant.brand_color)} className="flex min-h-dvh flex-col bg-zinc-50">
      {page.target.mode === "test" && showTestBanner ? (
        <div role="note" aria-label={labels.testMode} data-testid="test-mode-banner" className="border-b border-amber-300 bg-amber-100 text-amber-950">
          <p className="mx-auto max-w-5xl px-6 py-3 text-sm">
            <strong className="mr-2 inline-block rounded bg-amber-950 px-2 py-0.5 text-xs font-bold uppercase tracking-wide text-amber-50">
              {labels.testMode}
            </strong>
            {labels.testText}
          </p>
        </div>
      ) : null}
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center gap-3 px-6 py-4">
          <span aria-hidden="true" className="h-8 w-1.5 rounded-full bg-brand" />
          {logo ? (
            // eslint-disable-next-line @next/next/no-img-element -- the merchant's inline data URL logo
            <img src={logo} alt={merchant.name} className="h-10 max-w-48 object-contain" />
          ) : (
            <span className="text-lg font-bold tracking-tight text-zinc-950">{merchant.name}</span>
          )}
        </div>
      </header>
      <main id="main" className="mx-auto grid w-full max-w-5xl flex-1 gap-6 px-6 py-10 lg:grid-cols-5">
        <div className="lg:col-span-3">
          <InvoiceSummary doc={doc} labels={labels} pdfHref={`/pay/${token}/pdf`} />
        </div>
        <div className="lg:col-span-2">
          <PaymentPanel page={page} labels={labels} actions={actions} />
        </div>
      </main>
      <footer className="mx-auto w-full max-w-5xl px-6 pb-10 text-sm text-zinc-600">
        <p>
          {merchant.legal_name ?? merchant.name}
          {merchant.support_email ? (
            <>
              {" · "}
              {labels.questions}{" "}
              <a href={`mailto:${merchant.support_email}`} className="font-medium text-zinc-900 underline underline-offset-4">
                {merchant.support_email}
              </a>
            </>
          ) : null}
        </p>
      </footer>
    </div>
  );
}
