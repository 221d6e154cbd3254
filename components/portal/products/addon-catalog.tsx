"use client";

import { useActionState, useState } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { IDLE_PREVIEW, type PreviewState } from "@/lib/portal/form-state";
import { fieldClass, primaryButton, secondaryButton } from "../manage/buttons";
import { ChangePreview, type ConfirmAction } from "../manage/change-preview";
import { FormStatus } from "../manage/form-status";

export type OfferView = {
  priceId: string;
  productName: string;
  description: string | null;
  priceLine: string;
  includedLine: string | null;
  currentQuantity: number;
  haveLine: string | null;
  quantityEditable: boolean;
};

type PreviewAction = (previous: PreviewState, form: FormData) => Promise<PreviewState>;

/**
 * The add-on catalog, three clicks to buy: pick (Add, with a quantity where it applies) ->
 * review (the change preview: what is charged now and at each renewal) -> confirm.
 */
export function AddOnCatalog({ locale, offers, canManage, previewAction, applyAction }: { locale: Locale; offers: OfferView[]; canManage: boolean; previewAction: PreviewAction; applyAction: ConfirmAction }) {
  const t = pick(portalManageMessages, locale);
  const p = t.products;
  const [state, review, pending] = useActionState(previewAction, IDLE_PREVIEW);
  // Controlled: a form action resets uncontrolled fields, and the quantity reviewed must stay shown.
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const reviewing = state.status === "preview" ? (JSON.parse(state.request) as { price_id: string; quantity: number }) : null;
  const reviewed = reviewing ? offers.find((o) => o.priceId === reviewing.price_id) : undefined;
  return (
    <div>
      <ul className="grid gap-4 sm:grid-cols-2" aria-label={p.title}>
        {offers.map((offer) => (
          <li key={offer.priceId} className="flex flex-col rounded-xl border border-zinc-200 bg-white p-5 shadow-sm" data-testid="addon-offer">
            <h2 className="text-base font-semibold text-zinc-900">{offer.productName}</h2>
            {offer.description ? <p className="mt-1 text-sm text-zinc-600">{offer.description}</p> : null}
            <p className="mt-2 text-sm font-medium text-zinc-900">{offer.priceLine}</p>
            {offer.includedLine ? <p className="text-sm text-zinc-600">{offer.includedLine}</p> : null}
            {offer.haveLine ? <p className="mt-1 text-sm font-medium text-emerald-900">{offer.haveLine}</p> : null}
            {canManage ? (
              <div className="mt-auto flex flex-wrap items-end gap-2 pt-4">
                <form action={review} className="flex items-end gap-2">
                  <input type="hidden" name="price_id" value={offer.priceId} />
                  {offer.quantityEditable ? (
                    <div className="w-24">
                      <label htmlFor={`qty-${offer.priceId}`} className="sr-only">{p.quantity(offer.productName)}</label>
                      <input id={`qty-${offer.priceId}`} name="quantity" type="number" min={1} max={1000000} step={1} value={quantities[offer.priceId] ?? String(Math.max(1, offer.currentQuantity))} onChange={(e) => setQuantities((q) => ({ ...q, [offer.priceId]: e.target.value }))} className={fieldClass} />
                    </div>
                  ) : (
                    <input type="hidden" name="quantity" value="1" />
                  )}
                  {offer.currentQuantity === 0 || offer.quantityEditable ? (
                    <button type="submit" className={primaryButton} disabled={pending}>
                      {offer.currentQuantity === 0 ? p.add : p.update}
                      <span className="sr-only"> ({offer.productName})</span>
                    </button>
                  ) : null}
                </form>
                {offer.currentQuantity > 0 ? (
                  <form action={review}>
                    <input type="hidden" name="price_id" value={offer.priceId} />
                    <input type="hidden" name="quantity" value="0" />
                    <button type="submit" className={secondaryButton} disabled={pending}>
                      {p.remove}
                      <span className="sr-only"> ({offer.productName})</span>
                    </button>
                  </form>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <div aria-live="polite" className="mt-4">
        <FormStatus state={state.status === "error" ? { status: "error", message: state.message } : { status: "idle", message: null }} pending={pending} pendingText={t.common.pending} />
        {state.status === "preview" && reviewing ? (
          <div>
            {reviewed ? <p className="text-sm font-medium text-zinc-900">{reviewed.productName} × {reviewing.quantity}</p> : null}
            <ChangePreview
              key={state.key}
              locale={locale}
              summary={state.summary}
              request={state.request}
              action={applyAction}
              confirmLabel={reviewing.quantity === 0 ? p.confirmRemove : reviewed && reviewed.currentQuantity > 0 ? undefined : p.confirmBuy}
            />
          </div>
        ) : null}
      </div>
    </div>
  );
}
