// /sign-in on a portal host: a magic link by email, and/or email + password, per portal settings.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/portal/auth/auth-form";
import { pick } from "@/lib/i18n/messages";
import { authMessages } from "@/lib/i18n/messages/auth";
import { identityProviderName, ssoMessages } from "@/lib/i18n/messages/sso";
import { GATE_PATHS, safeNextPath } from "@/lib/portal-auth/gate";
import { getPortalViewer, getPortalVisitor } from "../../viewer";
import { passwordSignInAction, requestLinkAction } from "../actions";
import { signInNotice } from "./notice";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { referrer: "strict-origin" };

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ params, searchParams }: Props) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : null);
  const viewer = await getPortalViewer(params, { allow: ["two_factor", "password_reset"] });
  if (viewer) redirect(viewer.gate === "ok" ? next : GATE_PATHS[viewer.gate]);

  const { tenant, settings, locale } = await getPortalVisitor(params);
  const m = pick(authMessages, locale);
  const name = settings.branding.name?.trim() || tenant.name;
  const sso = pick(ssoMessages, locale);
  const notice = signInNotice(sp, locale);
  const { magic_link: magic, password } = settings.authMethods;
  const oidc = settings.authMethods.oidc && settings.sso.oidc ? identityProviderName(settings.sso.oidc.issuer) : null;
  return (
    <div lang={locale} className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold text-zinc-900">{m.signIn.title}</h1>
        <p className="text-sm text-zinc-600">{m.signIn.intro(name)}</p>
      </div>
      {notice ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {notice}
        </p>
      ) : null}
      {oidc ? (
        <a
          href={`/sso/oidc/start?next=${encodeURIComponent(next)}`}
          className="flex w-full justify-center rounded-md bg-[var(--brand)] px-4 py-2 text-sm font-semibold text-[var(--brand-foreground)] hover:opacity-90 focus:outline-none focus-visible:ring-2 focus-visible:ring-[var(--brand)] focus-visible:ring-offset-2"
        >
          {sso.signInWith(oidc)}
        </a>
      ) : null}
      {magic ? (
        <AuthForm
          name={m.signIn.sendLink}
          action={requestLinkAction}
          hidden={{ next }}
          fields={[{ name: "email", label: m.signIn.email, type: "email", autoComplete: "email", hint: m.signIn.emailHint, autoFocus: true }]}
          submitLabel={m.signIn.sendLink}
          pendingLabel={m.signIn.sending}
        />
      ) : null}
      {magic && password ? (
        <p className="flex items-center gap-3 text-xs uppercase tracking-wide text-zinc-500 before:h-px before:flex-1 before:bg-zinc-200 after:h-px after:flex-1 after:bg-zinc-200">
          {m.signIn.or}
        </p>
      ) : null}
      {password ? (
        <div className="space-y-3">
          <AuthForm
            name={m.signIn.submitPassword}
            action={passwordSignInAction}
            hidden={{ next }}
            variant={magic ? "secondary" : "primary"}
            fields={[
              { name: "email", label: m.signIn.email, type: "email", autoComplete: "username", autoFocus: !magic },
              { name: "password", label: m.signIn.password, type: "password", autoComplete: "current-password" },
            ]}
            submitLabel={m.signIn.submitPassword}
            pendingLabel={m.signIn.signingIn}
          />
          <p className="text-center text-sm">
            <a href="/forgot-password" className="font-medium text-[var(--brand)] underline-offset-2 hover:underline">
              {m.signIn.forgot}
            </a>
          </p>
        </div>
      ) : null}
      {!magic && !password && !oidc ? <p className="text-sm text-zinc-700">{m.signIn.noMethods}</p> : null}
    </div>
  );
}
