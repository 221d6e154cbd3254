// /payment-methods on a portal host — the account's cards, boleto and PIX with their roles; add a
// card (tokenized in the browser), boleto or PIX; make default / backup; remove.
import type { Metadata } from "next";
import { ActionForm } from "@/components/portal/manage/action-form";
import { Notice, PageHeader } from "@/components/portal/manage/page-header";
import { CardForm } from "@/components/portal/payment-methods/card-form";
import { MethodList } from "@/components/portal/payment-methods/method-list";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { listPortalPaymentMethods } from "@/lib/portal/payment-methods";
import { can } from "@/lib/portal/permissions";
import { getPortalVisitor } from "../../viewer";
import { requireSectionViewer } from "../section";
import { attachCardAction, attachOtherAction, removeMethodAction, setRoleAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pick(portalManageMessages, (await getPortalVisitor(params)).locale).paymentMethods.title };
}

export default async function PaymentMethodsPage({ params }: Props) {
  const { host } = await params;
  const { viewer } = await requireSectionViewer(params, "payment_methods", { next: "/payment-methods" });
  const t = pick(portalManageMessages, viewer.locale);
  const p = t.paymentMethods;
  const methods = await listPortalPaymentMethods(getDb(), viewer);
  const manage = can(viewer.user.role, "manage_billing");
  const actionsFor = manage
    ? (id: string) => ({
        setDefault: setRoleAction.bind(null, host, id, "default"),
        setBackup: setRoleAction.bind(null, host, id, "backup"),
        remove: removeMethodAction.bind(null, host, id),
      })
    : null;
  return (
    <>
      <PageHeader title={p.title} intro={p.intro} />
      <MethodList methods={methods} locale={viewer.locale} actionsFor={actionsFor} />
      {manage ? (
        <div className="mt-8 grid items-start gap-6 lg:grid-cols-2">
          <section aria-labelledby="add-card-title" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
            <h2 id="add-card-title" className="mb-3 text-lg font-semibold text-zinc-900">{p.addCard}</h2>
            <CardForm locale={viewer.locale} action={attachCardAction.bind(null, host)} />
          </section>
          <section aria-labelledby="add-other-title" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
            <h2 id="add-other-title" className="mb-3 text-lg font-semibold text-zinc-900">{p.addOther}</h2>
            <div className="flex flex-wrap gap-3">
              <ActionForm action={attachOtherAction.bind(null, host, "boleto")} submitLabel={p.addBoleto} pendingText={t.common.pending} tone="secondary" />
              <ActionForm action={attachOtherAction.bind(null, host, "pix")} submitLabel={p.addPix} pendingText={t.common.pending} tone="secondary" />
            </div>
          </section>
        </div>
      ) : (
        <div className="mt-6">
          <Notice>{t.common.readOnlyBilling}</Notice>
        </div>
      )}
    </>
  );
}
