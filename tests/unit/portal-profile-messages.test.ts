import { describe, expect, it } from "vitest";
import { accessEvents } from "@/db/schema";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";

// The Profile section's words, one file per locale: both locales name every access-log event
// (the Profile access log shows these labels, never the raw event names) with the same keys.
const keysOf = (value: unknown): string[] =>
  value && typeof value === "object" ? Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v).map((sub) => `${k}.${sub}`)]).sort() : [];

describe("portal Profile messages", () => {
  it("label every access event in English and Portuguese, the email change request and the attempt limit included", () => {
    for (const locale of ["en", "pt-BR"] as const) {
      const events = portalProfileMessages[locale].profile.accessLog.events as Record<string, string>;
      for (const event of accessEvents) expect(events[event], `${locale}: ${event}`).toMatch(/\S/);
    }
    expect(portalProfileMessages.en.profile.accessLog.events.email_change_requested).toBe("Email change requested");
    expect(portalProfileMessages["pt-BR"].profile.accessLog.events.email_change_requested).toBe("Alteração de e-mail solicitada");
    expect(portalProfileMessages["pt-BR"].profile.accessLog.events.rate_limited).toBe("Muitas tentativas");
  });

  it("have the same shape in both locales", () => {
    expect(keysOf(portalProfileMessages["pt-BR"])).toEqual(keysOf(portalProfileMessages.en));
  });
});
