// /reset-password: with ?token= from the email, choose a new password; signed in, set the first
// password, the one a forced reset requires, or change it (then the current one is asked).
import type { Metadata } from "next";
import { AuthForm, type AuthField } from "@/components/portal/auth/auth-form";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { authMessages } from "@/lib/i18n/messages/auth";
import { checkResetToken } from "@/lib/portal-auth/password-reset";
import { getPortalVisitor, requirePortalViewer } from "../../viewer";
import { resetPasswordAction } from "../actions";

export const dynamic = "force-dynamic";
// The token is in the address: never send it on as a Referer.
export const metadata: Metadata = { referrer: "strict-origin" };

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResetPasswordPage({ params, searchParams }: Props) {
  const token = (await searchParams).token;
  const { tenant, settings, locale } = await getPortalVisitor(params);
  const m = pick(authMessages, locale).reset;
  const min = Math.max(8, settings.passwordPolicy.min_length);
  const newFields: AuthField[] = [
    { name: "password", label: m.password, type: "password", autoComplete: "new-password", hint: m.hint(min) },
    { name: "confirm", label: m.confirm, type: "password", autoComplete: "new-password" },
  ];
  const form = (fields: AuthField[], hidden: Record<string, string> = {}) => (
    <AuthForm name={m.submit} action={resetPasswordAction} fields={fields} hidden={hidden} submitLabel={m.submit} pendingLabel={m.saving} />
  );

  if (typeof token === "string") {
    const check = await checkResetToken(getDb(), { organizationId: tenant.id, host: (await params).host, token });
    return (
      <div lang={locale} className="space-y-4">
        <h1 className="text-xl font-semibold text-zinc-900">{m.title}</h1>
        {check.ok ? (
          <>
            <p className="text-sm text-zinc-600">{check.email}</p>
            {form(newFields, { token })}
          </>
        ) : (
          <>
            <p role="alert" className="text-sm text-red-700">{m.badLink}</p>
            <a href="/forgot-password" className="text-sm font-medium text-[var(--brand)] underline-offset-2 hover:underline">{m.requestNew}</a>
          </>
        )}
      </div>
    );
  }

  const viewer = await requirePortalViewer(params, { next: "/reset-password", allow: ["password_reset"] });
  const forced = viewer.user.mustResetPassword;
  const first = !viewer.user.hasPassword;
  const needsCurrent = !forced && !first;
  return (
    <div lang={locale} className="space-y-4">
      <h1 className="text-xl font-semibold text-zinc-900">{first ? m.firstTitle : m.title}</h1>
      {forced ? <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{m.forced}</p> : null}
      <p className="text-sm text-zinc-600">{viewer.user.email}</p>
      {form(needsCurrent ? [{ name: "current_password", label: m.current, type: "password", autoComplete: "current-password" }, ...newFields] : newFields)}
    </div>
  );
}
