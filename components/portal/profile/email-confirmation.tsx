import type { CSSProperties, ReactNode } from "react";
import { ActionForm, type FormAction } from "@/components/portal/manage/action-form";
import { linkClass } from "@/components/portal/manage/buttons";
import type { PortalBranding } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";
import { brandVariables } from "@/lib/portal/branding";
import type { EmailChangePreview } from "@/lib/portal/email-change";

// The page an email-change link opens: what would change, and a button that makes it so (a
// POST: mail scanners that follow links change nothing). Signed out, it stands in its own frame.
export function EmailConfirmation({
  preview,
  token,
  locale,
  action,
  signedIn,
  branding,
}: {
  preview: EmailChangePreview;
  token: string;
  locale: Locale;
  action: FormAction;
  signedIn: boolean;
  branding: Pick<PortalBranding, "primary_color" | "accent_color">;
}) {
  const t = pick(portalProfileMessages, locale).confirmEmail;
  const body = (
    <section aria-labelledby="confirm-email-title" className="mx-auto w-full max-w-lg rounded-xl border border-zinc-200 bg-white p-6 shadow-sm" data-testid="confirm-email">
      <h1 id="confirm-email-title" className="text-xl font-bold text-zinc-950">{t.title}</h1>
      {preview.ok ? (
        <div className="mt-3">
          <p className="mb-4 text-sm text-zinc-700">{t.question(preview.previous, preview.email)}</p>
          <ActionForm action={action} submitLabel={t.submit} pendingText={pick(portalProfileMessages, locale).common.pending} hideWhenDone linkText={signedIn ? t.toProfile : t.toSignIn}>
            <input type="hidden" name="token" value={token} />
          </ActionForm>
        </div>
      ) : (
        <>
          <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" role="alert">{t.refused[preview.reason]}</p>
          <p className="mt-4 text-sm">
            <a href={signedIn ? "/profile" : "/sign-in"} className={linkClass}>{signedIn ? t.toProfile : t.toSignIn}</a>
          </p>
        </>
      )}
    </section>
  );
  return signedIn ? body : <Frame style={brandVariables(branding) as CSSProperties}>{body}</Frame>;
}

function Frame({ style, children }: { style: CSSProperties; children: ReactNode }) {
  return (
    <main id="main" style={style} className="flex flex-1 items-start justify-center px-4 py-12">
      {children}
    </main>
  );
}
