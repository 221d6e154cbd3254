"use client";
// The interactive part of TwoFactorSettings. It keeps the forms' states at a stable place, so
// fresh recovery codes stay on screen while the server re-renders the status around them.
import { useActionState, useState } from "react";
import { useFormStatus } from "react-dom";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { twoFactorMessages } from "@/lib/i18n/messages/two-factor";
import { brandButton, CodeForm, plainButton } from "./code-form";
import { EnrollmentSteps } from "./enrollment-steps";
import { RecoveryCodes } from "./recovery-codes";
import { IDLE_TWO_FACTOR, type EnrollmentView, type TwoFactorAction, type TwoFactorFormState } from "./state";

type Props = {
  locale: Locale;
  portalName: string;
  status: { enabled: boolean; required: boolean; since: string | null; recoveryCodesLeft: number };
  enrollment: EnrollmentView | null;
  actions: { begin: () => Promise<void>; cancel: () => Promise<void>; confirm: TwoFactorAction; disable: TwoFactorAction; regenerate: TwoFactorAction };
};

function Submit({ label, pendingLabel, className }: { label: string; pendingLabel: string; className: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={className}>
      {pending ? pendingLabel : label}
    </button>
  );
}

export function TwoFactorSettingsPanel({ locale, portalName, status, enrollment, actions }: Props) {
  const t = pick(twoFactorMessages, locale);
  const s = t.settings;
  // Confirming an enrollment and making new codes share one state (never on screen together), so
  // the codes shown are always the latest ones.
  const [codeState, submitCode, codePending] = useActionState(
    (previous: TwoFactorFormState, form: FormData) => (form.get("op") === "regenerate" ? actions.regenerate(previous, form) : actions.confirm(previous, form)),
    IDLE_TWO_FACTOR,
  );
  const [disableState, disable, disabling] = useActionState(actions.disable, IDLE_TWO_FACTOR);
  const [dismissed, setDismissed] = useState<string[] | null>(null);
  const codes = codeState.recoveryCodes ?? null;

  return (
    <section aria-labelledby="two-factor-title" data-testid="two-factor-settings" className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="two-factor-title" className="text-base font-semibold text-zinc-950">
          {s.title}
        </h2>
        <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${status.enabled ? "bg-emerald-50 text-emerald-900 ring-emerald-300" : "bg-zinc-100 text-zinc-800 ring-zinc-300"}`}>
          {status.enabled ? s.on : s.off}
        </span>
      </div>
      {status.required ? <p className="text-sm text-zinc-700">{s.required}</p> : null}

      {codes && codes !== dismissed ? (
        <RecoveryCodes codes={codes} locale={locale} accountName={portalName}>
          <button type="button" className={plainButton} onClick={() => setDismissed(codes)}>
            {t.done}
          </button>
        </RecoveryCodes>
      ) : status.enabled ? (
        <div className="space-y-5">
          <p className="text-sm text-zinc-700">
            {status.since ? s.since(status.since) : null} {s.recoveryLeft(status.recoveryCodesLeft)}
          </p>
          <div className="space-y-2">
            <h3 className="text-sm font-semibold text-zinc-900">{s.regenerateTitle}</h3>
            <CodeForm
              id="totp-regenerate-code"
              action={submitCode}
              state={codeState}
              pending={codePending}
              label={t.confirmCode}
              hint={s.regenerateHint}
              submitLabel={s.regenerate}
              pendingLabel={s.regenerating}
              hidden={{ op: "regenerate" }}
              digitsOnly
              tone="plain"
            />
          </div>
          {status.required ? null : (
            <div className="space-y-2">
              <h3 className="text-sm font-semibold text-zinc-900">{s.disableTitle}</h3>
              <CodeForm id="totp-disable-code" action={disable} state={disableState} pending={disabling} label={t.code} hint={s.disableHint} submitLabel={s.disable} pendingLabel={s.disabling} tone="plain" />
            </div>
          )}
        </div>
      ) : enrollment ? (
        <div className="space-y-4">
          <EnrollmentSteps enrollment={enrollment} locale={locale} action={submitCode} state={codeState} pending={codePending} />
          <form action={actions.cancel}>
            <Submit label={s.cancel} pendingLabel={s.cancel} className={plainButton} />
          </form>
        </div>
      ) : (
        <div className="space-y-3">
          {disableState.status === "done" && disableState.message ? (
            <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
              {disableState.message}
            </p>
          ) : null}
          <p className="text-sm text-zinc-700">{s.offBody}</p>
          <form action={actions.begin}>
            <Submit label={s.setUp} pendingLabel={s.starting} className={`${brandButton} w-auto`} />
          </form>
        </div>
      )}
    </section>
  );
}
