import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { authMessages } from "@/lib/i18n/messages/auth";
import { ssoMessages } from "@/lib/i18n/messages/sso";

type Query = Record<string, string | string[] | undefined>;

const own = (messages: Record<string, string>, key: string): string | undefined => (Object.hasOwn(messages, key) ? messages[key] : undefined);

/**
 * The notice above the sign-in forms for `?error=` (a link refused, signed out, an SSO refusal
 * from sso/outcome.ts, too many attempts with `?minutes=`). The value comes from the address bar:
 * only the codes we send are looked up (`?error=__proto__` must not reach the page as an object),
 * anything else shows the generic "not valid here".
 */
export function signInNotice(query: Query, locale: Locale): string | null {
  const m = pick(authMessages, locale);
  const error = query.error;
  if (typeof error !== "string") return null;
  if (error === "rate_limited") {
    // How long to wait, 1 to 1440 minutes.
    const minutes = Number.parseInt(typeof query.minutes === "string" ? query.minutes : "", 10) || 1;
    return m.signIn.rateLimited(Math.min(Math.max(minutes, 1), 1440));
  }
  return own(m.linkErrors, error) ?? own(pick(ssoMessages, locale).notices, error) ?? m.linkErrors.invalid!;
}
