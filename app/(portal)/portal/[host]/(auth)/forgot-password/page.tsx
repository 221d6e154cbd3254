// /forgot-password: asks for a reset link by email (the same answer for every address).
import { AuthForm } from "@/components/portal/auth/auth-form";
import { pick } from "@/lib/i18n/messages";
import { authMessages } from "@/lib/i18n/messages/auth";
import { TOKEN_TTL_MS } from "@/lib/portal-auth/tokens";
import { getPortalVisitor } from "../../viewer";
import { forgotPasswordAction } from "../actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ForgotPasswordPage({ params, searchParams }: Props) {
  const { settings, locale } = await getPortalVisitor(params);
  const m = pick(authMessages, locale);
  const sent = (await searchParams).sent === "1";
  return (
    <div lang={locale} className="space-y-4">
      <h1 className="text-xl font-semibold text-zinc-900">{m.forgot.title}</h1>
      {!settings.authMethods.password ? (
        <p className="text-sm text-zinc-700">{m.forgot.disabled}</p>
      ) : sent ? (
        <p role="status" className="text-sm text-zinc-700">
          {m.forgot.sent(TOKEN_TTL_MS.password_reset / 60_000)}
        </p>
      ) : (
        <>
          <p className="text-sm text-zinc-600">{m.forgot.intro}</p>
          <AuthForm
            name={m.forgot.submit}
            action={forgotPasswordAction}
            fields={[{ name: "email", label: m.signIn.email, type: "email", autoComplete: "email", autoFocus: true }]}
            submitLabel={m.forgot.submit}
            pendingLabel={m.forgot.sending}
          />
        </>
      )}
      <p className="text-sm">
        <a href="/sign-in" className="font-medium text-[var(--brand)] underline-offset-2 hover:underline">
          {m.checkEmail.back}
        </a>
      </p>
    </div>
  );
}
