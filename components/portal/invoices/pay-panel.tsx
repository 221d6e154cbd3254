import { payLabels, type PayLabels } from "@/components/pay/labels";
import { PaymentPanel } from "@/components/pay/payment-panel";
import type { PortalBillingMessages } from "@/lib/i18n/messages/portal-billing";
import type { PayLinkPage } from "@/lib/pay-link/lookup";
import type { PayFormAction } from "@/lib/pay-link/pay";
import { buttonClass, Card, linkClass } from "../common/card";
import { CardPayButton, type CardPayAction } from "./card-pay-button";
import { FocusTarget } from "./focus-target";

// How the customer pays an open invoice in the portal: charge the card on file now, or the
// payment link's own panel (PIX, boleto, and in a sandbox a simulated payment), or share the
// payment link. Users whose role cannot pay see why instead.
type Props = {
  canPay: boolean;
  card: { label: string } | null;
  page: PayLinkPage | null;
  actions: { card: CardPayAction; issue: PayFormAction; simulate: PayFormAction };
  paymentPath: string | null;
  focus: boolean;
  m: PortalBillingMessages;
  locale: string;
};

export function PayPanel({ canPay, card, page, actions, paymentPath, focus, m, locale }: Props) {
  const heading = (
    <h2 id="pay" tabIndex={-1} className="text-lg font-semibold text-zinc-950 focus:outline-none">
      {m.pay.title}
    </h2>
  );
  if (!canPay) {
    return (
      <Card testId="pay-panel">
        {heading}
        <p className="mt-2 text-sm text-zinc-700" data-testid="cannot-pay">{m.pay.cannotPay}</p>
        {focus ? <FocusTarget id="pay" /> : null}
      </Card>
    );
  }
  const labels: PayLabels = {
    ...payLabels(locale),
    payTitle: m.pay.otherWays,
    errors: { not_found: m.pay.errors.not_found, not_payable: m.pay.errors.not_payable, unavailable: m.pay.errors.unavailable, sandbox_only: m.pay.errors.sandbox_only },
  };
  return (
    <section aria-labelledby="pay" className="space-y-6" data-testid="pay-panel">
      {heading}
      {card ? (
        <Card>
          <h3 className="font-semibold text-zinc-950">{m.pay.cardTitle}</h3>
          <p className="mt-1 text-sm text-zinc-700">{m.pay.cardHelp}</p>
          <div className="mt-4">
            <CardPayButton action={actions.card} label={m.pay.charge(card.label)} working={m.pay.charging} className={buttonClass} />
          </div>
        </Card>
      ) : null}
      {page ? <PaymentPanel page={{ ...page, doc: { ...page.doc, locale } }} labels={labels} actions={{ pay: actions.issue, simulate: actions.simulate }} /> : null}
      {paymentPath ? (
        <Card>
          <h3 className="font-semibold text-zinc-950">{m.pay.link}</h3>
          <p className="mt-1 text-sm text-zinc-700">{m.pay.linkHelp}</p>
          <p className="mt-2 text-sm"><a href={paymentPath} className={linkClass} data-testid="payment-link">{m.pay.openLink}</a></p>
        </Card>
      ) : null}
      {focus ? <FocusTarget id="pay" /> : null}
    </section>
  );
}
