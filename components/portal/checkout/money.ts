import { formatDate, formatMoney } from "@/lib/invoices/format";
import type { Locale } from "@/lib/i18n/locale";

export const money = (cents: number, currency: string, locale: Locale) => formatMoney(cents, currency, locale);
export const day = (iso: string, locale: Locale) => formatDate(iso, locale, "long");
