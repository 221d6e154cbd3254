import type { Locale } from "./locale";

// Message dictionaries: one file per area under lib/i18n/messages/ exporting
// `defineMessages({ en: {...}, "pt-BR": {...} })`; the pt-BR object must have the same shape as
// en (the type checks it). Functions are allowed for messages with values: (n) => `${n} items`.
export type Dictionary<T> = { en: T; "pt-BR": T };

export function defineMessages<T>(d: Dictionary<T>): Dictionary<T> {
  return d;
}

export const pick = <T>(d: Dictionary<T>, locale: Locale): T => d[locale];
