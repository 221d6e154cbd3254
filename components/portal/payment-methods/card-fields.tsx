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

/** Each input: its label, and the attributes that tell browsers and keyboards what it holds. */
const INPUTS: Array<{
  field: (typeof CARD_FIELDS)[number];
  label: "cardNumber" | "expMonth" | "expYear" | "cvc" | "holder";
  autoComplete: string;
  maxLength: number;
  wide?: true;
  secret?: true;
  /** Letters, not digits: no numeric keyboard. */
  text?: true;
  optional?: true;
}> = [
  { field: "number", label: "cardNumber", autoComplete: "cc-number", maxLength: 23, wide: true },
  { field: "exp_month", label: "expMonth", autoComplete: "cc-exp-month", maxLength: 2 },
  { field: "exp_year", label: "expYear", autoComplete: "cc-exp-year", maxLength: 4 },
  { field: "cvc", label: "cvc", autoComplete: "cc-csc", maxLength: 4, secret: true },
  { field: "holder_name", label: "holder", autoComplete: "cc-name", maxLength: 200, text: true, optional: true },
];

export function CardFields({ locale, error, errorId = "card-error" }: { locale: Locale; error: CardFieldError; errorId?: string }) {
  const t = pick(portalManageMessages, locale).paymentMethods;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {INPUTS.map((input) => (
        <div key={input.field} className={input.wide ? "sm:col-span-2" : undefined}>
          <label htmlFor={`card-${input.field}`} className={labelClass}>{t[input.label]}</label>
          <input
            id={`card-${input.field}`} type={input.secret ? "password" : "text"} inputMode={input.text ? undefined : "numeric"}
            autoComplete={input.autoComplete} maxLength={input.maxLength} className={fieldClass} required={!input.optional}
            {...(error?.field === input.field ? { "aria-invalid": true, "aria-describedby": errorId } : {})}
          />
        </div>
      ))}
    </div>
  );
}
