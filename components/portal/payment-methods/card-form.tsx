"use client";

import { startTransition, useActionState, useRef, useState, type FormEvent } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { IDLE, type ActionState } from "@/lib/portal/form-state";
import { fieldClass, labelClass, primaryButton } from "../manage/buttons";
import { FormStatus } from "../manage/form-status";

/** The public tokenization endpoint, on this same origin (the portal host routes /api/v1 to the API). */
export const TOKENIZE_PATH = "/api/v1/gateway/sandbox/tokens";

type AttachAction = (previous: ActionState, form: FormData) => Promise<ActionState>;
type FieldError = { field: string; message: string } | null;

const FIELDS = ["number", "exp_month", "exp_year", "cvc", "holder_name"] as const;

/**
 * Adds a card. The number, expiry and CVC go from this browser straight to the tokenization
 * endpoint; only the token that comes back is sent to the server action that attaches the card.
 * The sensitive inputs have no `name`, so no form submission can ever carry them.
 */
export function CardForm({ locale, action }: { locale: Locale; action: AttachAction }) {
  const t = pick(portalManageMessages, locale).paymentMethods;
  const common = pick(portalManageMessages, locale).common;
  const [state, attach, attaching] = useActionState(action, IDLE);
  const [tokenizing, setTokenizing] = useState(false);
  const [error, setError] = useState<FieldError>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const busy = tokenizing || attaching;

  async function tokenize(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    const value = (id: string) => (form.querySelector<HTMLInputElement>(`#card-${id}`)?.value ?? "").trim();
    setError(null);
    setTokenizing(true);
    try {
      const response = await fetch(TOKENIZE_PATH, {
        method: "POST",
        headers: { "content-type": "application/json" },
        credentials: "omit",
        body: JSON.stringify({
          number: value("number"),
          exp_month: Number(value("exp_month")),
          exp_year: Number(value("exp_year")),
          cvc: value("cvc"),
          ...(value("holder_name") ? { holder_name: value("holder_name") } : {}),
        }),
      });
      const body = (await response.json().catch(() => null)) as { id?: string; error?: { param?: string | null } } | null;
      if (!response.ok || !body?.id) {
        const param = body?.error?.param ?? "";
        const field = (FIELDS as readonly string[]).includes(param) ? param : "other";
        setError({ field, message: t.cardErrors[field] ?? t.cardErrors.other! });
        return;
      }
      const data = new FormData();
      data.set("token", body.id);
      if ((form.querySelector<HTMLInputElement>("#card-default")?.checked ?? false)) data.set("make_default", "on");
      formRef.current?.reset();
      startTransition(() => attach(data));
    } catch {
      setError({ field: "other", message: t.unreachable });
    } finally {
      setTokenizing(false);
    }
  }

  const invalid = (field: string) => (error?.field === field ? { "aria-invalid": true, "aria-describedby": "card-error" } : {});
  return (
    <form ref={formRef} onSubmit={tokenize} className="space-y-4" noValidate>
      <p className="text-sm text-zinc-600">{t.cardSecurity}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <label htmlFor="card-number" className={labelClass}>{t.cardNumber}</label>
          <input id="card-number" type="text" inputMode="numeric" autoComplete="cc-number" maxLength={23} className={fieldClass} required {...invalid("number")} />
        </div>
        <div>
          <label htmlFor="card-exp_month" className={labelClass}>{t.expMonth}</label>
          <input id="card-exp_month" type="text" inputMode="numeric" autoComplete="cc-exp-month" maxLength={2} className={fieldClass} required {...invalid("exp_month")} />
        </div>
        <div>
          <label htmlFor="card-exp_year" className={labelClass}>{t.expYear}</label>
          <input id="card-exp_year" type="text" inputMode="numeric" autoComplete="cc-exp-year" maxLength={4} className={fieldClass} required {...invalid("exp_year")} />
        </div>
        <div>
          <label htmlFor="card-cvc" className={labelClass}>{t.cvc}</label>
          <input id="card-cvc" type="password" inputMode="numeric" autoComplete="cc-csc" maxLength={4} className={fieldClass} required {...invalid("cvc")} />
        </div>
        <div>
          <label htmlFor="card-holder_name" className={labelClass}>{t.holder}</label>
          <input id="card-holder_name" type="text" autoComplete="cc-name" maxLength={200} className={fieldClass} {...invalid("holder_name")} />
        </div>
      </div>
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
