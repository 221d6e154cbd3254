"use client";
// The /two-factor page: the code of an enrolled user, or the enrollment a role requires, then
// the recovery codes. It holds the forms' states itself, at the page's root, so the codes stay
// on screen when the page re-renders after the step-up (the session cookie changes).
import Link from "next/link";
import { useActionState } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { twoFactorMessages } from "@/lib/i18n/messages/two-factor";
import { brandButton, CodeForm, plainButton } from "./code-form";
import { EnrollmentSteps } from "./enrollment-steps";
import { RecoveryCodes } from "./recovery-codes";
import { IDLE_TWO_FACTOR, type EnrollmentView, type TwoFactorAction } from "./state";

type Props = {
  mode: "verify" | "enroll" | "done";
  locale: Locale;
  portalName: string;
  next: string;
  enrollment: EnrollmentView | null;
  verifyAction: TwoFactorAction;
  confirmAction: TwoFactorAction;
  signOutAction: () => Promise<void>;
};

export function TwoFactorPanel({ mode, locale, portalName, next, enrollment, verifyAction, confirmAction, signOutAction }: Props) {
  const t = pick(twoFactorMessages, locale);
  const [verifyState, verify, verifying] = useActionState(verifyAction, IDLE_TWO_FACTOR);
  const [confirmState, confirm, confirming] = useActionState(confirmAction, IDLE_TWO_FACTOR);

  if (confirmState.recoveryCodes) {
    return (
      <RecoveryCodes codes={confirmState.recoveryCodes} locale={locale} accountName={portalName}>
        <Link href={next} className={brandButton}>
          {t.continue}
        </Link>
      </RecoveryCodes>
    );
  }
  const signOut = (
    <form action={signOutAction} className="text-center">
      <button type="submit" className="text-sm font-medium text-zinc-600 underline-offset-2 hover:underline">
        {t.signOut}
      </button>
    </form>
  );
  if (mode === "verify") {
    return (
      <div className="space-y-6">
        <div className="space-y-1">
          <h1 className="text-xl font-semibold text-zinc-900">{t.verifyTitle}</h1>
          <p className="text-sm text-zinc-600">{t.verifyIntro(portalName)}</p>
        </div>
        <CodeForm id="totp-code" action={verify} state={verifyState} pending={verifying} label={t.code} hint={t.codeHint} submitLabel={t.verify} pendingLabel={t.verifying} hidden={{ next }} autoFocus />
        {signOut}
      </div>
    );
  }
  if (mode === "enroll" && enrollment) {
    return (
      <div className="space-y-6">
        <div className="space-y-1">
          <h1 className="text-xl font-semibold text-zinc-900">{t.enrollTitle}</h1>
          <p className="text-sm text-zinc-600">{t.enrollRequired}</p>
        </div>
        <EnrollmentSteps enrollment={enrollment} locale={locale} action={confirm} state={confirmState} pending={confirming} />
        {signOut}
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-zinc-900">{t.doneTitle}</h1>
      <p className="text-sm text-zinc-600">{t.doneBody}</p>
      <Link href={next} className={`${plainButton} w-full`}>
        {t.continue}
      </Link>
    </div>
  );
}
