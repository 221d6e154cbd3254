"use client";

import { startTransition, useActionState, useRef, useState, type FormEvent } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { IDLE, type ActionState } from "@/lib/portal/form-state";
import { primaryButton } from "../manage/buttons";
import { FormStatus } from "../manage/form-status";
import { CardFields, tokenizeCardFields, type CardFieldError } from "./card-fields";

type AttachAction = (previous: ActionState, form: FormData) => Promise<ActionState>;

/**
 * Adds a card. The number, expiry and CVC go from this browser straight to the tokenization
 * endpoint (card-fields.tsx); only the token that comes back is sent to the server action that
 * attaches the card.
 */
export function CardForm({ locale, action }: { locale: Locale; action: AttachAction }) {
  const t = pick(portalManageMessages, locale).paymentMethods;
  const common = pick(portalManageMessages, locale).common;
  const [state, attach, attaching] = useActionState(action, IDLE);
  const [tokenizing, setTokenizing] = useState(false);
  const [error, setError] = useState<CardFieldError>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const busy = tokenizing || attaching;

  async function tokenize(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    setError(null);
    setTokenizing(true);
    try {
      const result = await tokenizeCardFields(form, locale);
      if (!result.ok) {
        setError({ field: result.field, message: result.message });
        return;
      }
      const data = new FormData();
      data.set("token", result.token);
      if ((form.querySelector<HTMLInputElement>("#card-default")?.checked ?? false)) data.set("make_default", "on");
      formRef.current?.reset();
      startTransition(() => attach(data));
    } finally {
      setTokenizing(false);
    }
  }

  return (
    <form ref={formRef} onSubmit={tokenize} className="space-y-4" noValidate>
      <p className="text-sm text-zinc-600">{t.cardSecurity}</p>
      <CardFields locale={locale} error={error} />
      <label className="flex items-center gap-2 text-sm text-zinc-800">
        <input id="card-default" type="checkbox" /> {t.makeDefaultCheckbox}
      </label>
      {error ? (
        <p id="card-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{error.message}</p>
      ) : null}
      <button type="submit" className={primaryButton} disabled={busy}>{t.saveCard}</button>
      <FormStatus state={state} pending={busy} pendingText={tokenizing ? t.tokenizing : common.pending} />
    </form>
  );
}
