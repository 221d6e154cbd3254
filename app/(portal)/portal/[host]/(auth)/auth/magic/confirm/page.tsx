// /auth/magic/confirm?token=… — "Continue as …" for a link opened in another browser.
import type { Metadata } from "next";
import { AuthForm } from "@/components/portal/auth/auth-form";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { authMessages } from "@/lib/i18n/messages/auth";
import { previewMagicLink } from "@/lib/portal-auth/magic-link";
import { readBindingValue } from "../../../../session-cookie";
import { getPortalVisitor } from "../../../../viewer";
import { confirmMagicLinkAction } from "../../../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { referrer: "strict-origin" };

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ConfirmMagicLinkPage({ params, searchParams }: Props) {
  const token = (await searchParams).token;
  const { tenant, locale } = await getPortalVisitor(params);
  const m = pick(authMessages, locale);
  const preview = typeof token === "string"
    ? await previewMagicLink(getDb(), { organizationId: tenant.id, host: (await params).host, token, bindingValue: await readBindingValue() })
    : ({ ok: false, reason: "invalid" } as const);
  return (
    <div lang={locale} className="space-y-4">
      <h1 className="text-xl font-semibold text-zinc-900">{m.confirm.title}</h1>
      {preview.ok ? (
        <>
          <p className="text-sm text-zinc-700">{preview.invite ? m.confirm.invite(preview.email) : m.confirm.body(preview.email)}</p>
          <p className="text-xs text-zinc-500">{m.confirm.why}</p>
          <AuthForm name={m.confirm.button} action={confirmMagicLinkAction} fields={[]} hidden={{ token: token as string }} submitLabel={m.confirm.button} pendingLabel={m.confirm.pending} />
        </>
      ) : (
        <>
          <p role="alert" className="text-sm text-red-700">{m.linkErrors[preview.reason] ?? m.linkErrors.invalid}</p>
          <a href="/sign-in" className="text-sm font-medium text-[var(--brand)] underline-offset-2 hover:underline">{m.checkEmail.back}</a>
        </>
      )}
    </div>
  );
}
