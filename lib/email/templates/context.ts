import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { emailMessages, type EmailMessages } from "@/lib/i18n/messages/email";
import type { EmailBrand, EmailContent } from "./layout";

// What a template gets besides its data: the merchant's brand, the locale and its words.
export type TemplateContext = { brand: EmailBrand; locale: Locale; t: EmailMessages };
export type Template<Data> = (data: Data, ctx: TemplateContext) => EmailContent;

export const templateContext = (brand: EmailBrand, locale: Locale): TemplateContext => ({ brand, locale, t: pick(emailMessages, locale) });
