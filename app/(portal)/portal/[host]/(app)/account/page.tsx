// /account on a portal host — the billing account's data (name, legal name, email, phone,
// CNPJ/CPF, tax address), edited by owners and admins through the API's own validation.
import type { Metadata } from "next";
import { AccountDetails } from "@/components/portal/account/account-details";
import { Notice, PageHeader } from "@/components/portal/manage/page-header";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";
import { getPortalAccount } from "@/lib/portal/billing-account";
import { can } from "@/lib/portal/permissions";
import { getPortalVisitor } from "../../viewer";
import { requireSectionViewer } from "../section";
import { saveAccountAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pick(portalProfileMessages, (await getPortalVisitor(params)).locale).account.title };
}

export default async function AccountPage({ params }: Props) {
  const { host } = await params;
  const { viewer } = await requireSectionViewer(params, "account", { next: "/account" });
  const t = pick(portalProfileMessages, viewer.locale).account;
  const { values, archived } = await getPortalAccount(getDb(), viewer);
  const mayEdit = can(viewer.user.role, "manage_account");
  return (
    <>
      <PageHeader title={t.title} intro={t.intro} />
      {archived || !mayEdit ? (
        <div className="mb-6">
          <Notice tone={archived ? "warning" : "info"}>{archived ? t.archived : t.readOnly}</Notice>
        </div>
      ) : null}
      <AccountDetails values={values} locale={viewer.locale} action={saveAccountAction.bind(null, host)} editable={mayEdit && !archived} />
    </>
  );
}
