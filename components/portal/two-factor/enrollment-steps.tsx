"use client";
// Enrollment: the QR code, the key to type by hand (groups of 4), and the code that confirms it.
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { twoFactorMessages } from "@/lib/i18n/messages/two-factor";
import { CodeForm } from "./code-form";
import type { EnrollmentView, TwoFactorFormState } from "./state";

type Props = { enrollment: EnrollmentView; locale: Locale; action: (form: FormData) => void; state: TwoFactorFormState; pending: boolean };

export function EnrollmentSteps({ enrollment, locale, action, state, pending }: Props) {
  const t = pick(twoFactorMessages, locale);
  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-700">{t.scan}</p>
      <div className="flex justify-center">
        {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG data: URL made on the server */}
        <img src={enrollment.qrDataUrl} alt={t.qrAlt(enrollment.issuer)} width={192} height={192} className="h-48 w-48 rounded-md border border-zinc-200 bg-white p-1" />
      </div>
      <div className="space-y-1">
        <p className="text-sm text-zinc-700">{t.manualKey}</p>
        <p className="block break-all rounded-md bg-zinc-50 px-3 py-2 text-center font-mono text-sm tracking-wider text-zinc-900">
          <span className="sr-only">{t.keyLabel}: </span>
          <code data-testid="totp-setup-key" className="select-all">{enrollment.groupedKey}</code>
        </p>
      </div>
      <p className="text-sm text-zinc-700">{t.enterCode}</p>
      <CodeForm id="totp-confirm-code" action={action} state={state} pending={pending} label={t.confirmCode} submitLabel={t.confirm} pendingLabel={t.confirming} digitsOnly />
    </div>
  );
}
