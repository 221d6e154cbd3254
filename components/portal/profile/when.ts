import type { Locale } from "@/lib/i18n/locale";
import type { Device } from "@/lib/portal/device";

// Dates and devices as the Profile and Settings tables print them.
const formats = new Map<string, Intl.DateTimeFormat>();

/** "10 de mar. de 2026, 15:30 BRT" in the merchant's time zone (UTC if it is not a known zone). */
export function formatWhen(date: Date, locale: Locale, timeZone: string | null | undefined): string {
  const key = `${locale}|${timeZone ?? "UTC"}`;
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: timeZone ?? "UTC" });
    } catch {
      format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
    }
    formats.set(key, format);
  }
  return format.format(date).replace(/\u202f|\u00a0/g, " ");
}

export function deviceLabel(device: Device, words: { on: (browser: string, os: string) => string; unknown: string }): string {
  if (device.browser && device.os) return words.on(device.browser, device.os);
  return device.browser ?? device.os ?? words.unknown;
}
