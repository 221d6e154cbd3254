// /profile/email/confirm?token=… on a portal host — the link of an email change: shows the
// change, applies it on a click (signed in or not: the link sent to the new address is the proof).
import type { Metadata } from "next";
import { EmailConfirmation } from "@/components/portal/profile/email-confirmation";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";
import { previewEmailChange } from "@/lib/portal/email-change";
import { getPortalViewer, getPortalVisitor } from "../../../../viewer";
import { requireSection, single } from "../../../section";
import { confirmEmailChangeAction } from "../../actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  return { title: pick(portalProfileMessages, (await getPortalVisitor(params)).locale).confirmEmail.title, referrer: "strict-origin" };
}

export default async function ConfirmEmailPage({ params, searchParams }: Props) {
  const { host } = await params;
  const visitor = await getPortalVisitor(params);
  requireSection(visitor, "profile");
  const token = single((await searchParams).token) ?? "";
  const [preview, viewer] = await Promise.all([previewEmailChange(getDb(), { organizationId: visitor.tenant.id, host, token }), getPortalViewer(params)]);
  return (
    <EmailConfirmation
      preview={preview}
      token={token}
      locale={visitor.locale}
      signedIn={viewer !== null}
      branding={visitor.settings.branding}
      action={confirmEmailChangeAction.bind(null, host)}
    />
  );
}
