import { pick } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/messages/portal";
import type { Locale } from "@/lib/i18n/locale";

/**
 * Shown on every page of a sandbox organization's portal, in the visitor's language. A labelled
 * region, so it sits in a landmark like the rest of the page (screen readers list it there).
 */
export function TestModeBanner({ organizationName, locale = "en" }: { organizationName: string; locale?: Locale }) {
  const m = pick(portalMessages, locale).shell;
  return (
    <section aria-label={m.testMode} lang={locale}>
      <div role="note" aria-label={m.testMode} data-testid="test-mode-banner" className="border-b border-amber-300 bg-amber-100 text-amber-950">
        <p className="mx-auto max-w-6xl px-4 py-3 text-sm sm:px-6">
          <strong className="mr-2 inline-block rounded bg-amber-950 px-2 py-0.5 text-xs font-bold uppercase tracking-wide text-amber-50">
            {m.testMode}
          </strong>
          {m.testText(organizationName)}
        </p>
      </div>
    </section>
  );
}
