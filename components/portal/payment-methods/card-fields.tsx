"use client";

import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { fieldClass, labelClass } from "../manage/buttons";

// The sandbox card inputs and their tokenization, shared by the portal's card form and the
// checkout. The inputs have no `name`: no form submission can ever carry the card data; it goes
// from this browser straight to the public tokenization endpoint, and only the token comes back.

/** The public tokenization endpoint, on this same origin (the portal host routes /api/v1 to the API). */
export const TOKENIZE_PATH = "/api/v1/gateway/sandbox/tokens";

export const CARD_FIELDS = ["number", "exp_month", "exp_year", "cvc", "holder_name"] as const;
export type CardFieldError = { field: string; message: string } | null;
export type Tokenized = { ok: true; token: string } | { ok: false; field: string; message: string };

/** Reads the inputs under `root` and tokenizes them; a refusal names the field at fault. */
export async function tokenizeCardFields(root: ParentNode, locale: Locale): Promise<Tokenized> {
  const t = pick(portalManageMessages, locale).paymentMethods;
  const value = (id: string) => (root.querySelector<HTMLInputElement>(`#card-${id}`)?.value ?? "").trim();
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
    if (response.ok && body?.id) return { ok: true, token: body.id };
    const param = body?.error?.param ?? "";
    const field = (CARD_FIELDS as readonly string[]).includes(param) ? param : "other";
    return { ok: false, field, message: t.cardErrors[field] ?? t.cardErrors.other! };
  } catch {
    return { ok: false, field: "other", message: t.unreachable };
  }
}

/** Clears the card inputs under `root` (after a token was made from them). */
export function clearCardFields(root: ParentNode): void {
  for (const id of CARD_FIELDS) {
    const input = root.querySelector<HTMLInputElement>(`#card-${id}`);
    if (input) input.value = "";
  }
}

export function CardFields({ locale, error, errorId = "card-error" }: { locale: Locale; error: CardFieldError; errorId?: string }) {
  const t = pick(portalManageMessages, locale).paymentMethods;
  const invalid = (field: string) => (error?.field === field ? { "aria-invalid": true, "aria-describedby": errorId } : {});
  return (
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
  );
}
