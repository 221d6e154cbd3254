// The portal's footer: the merchant's support contacts and legal text.
type Props = {
  name: string;
  legalText: string | null;
  support: { email: string | null; url: string | null; phone: string | null };
  labels: { support: string; email: string; phone: string; site: string };
};

export function SiteFooter({ name, legalText, support, labels }: Props) {
  const contacts = [
    support.email ? { label: labels.email, href: `mailto:${support.email}`, text: support.email } : null,
    support.phone ? { label: labels.phone, href: `tel:${support.phone.replace(/[^\d+]/g, "")}`, text: support.phone } : null,
    support.url ? { label: labels.site, href: support.url, text: support.url.replace(/^https?:\/\//, "") } : null,
  ].filter((c) => c !== null);
  return (
    <footer className="mt-auto border-t border-zinc-200 bg-white">
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-4 py-8 text-sm text-zinc-700 sm:px-6 md:flex-row md:justify-between">
        <div className="max-w-xl">
          <p className="font-semibold text-zinc-900">{name}</p>
          {legalText ? <p className="mt-2 whitespace-pre-line text-xs leading-5 text-zinc-600" data-testid="legal-text">{legalText}</p> : null}
        </div>
        {contacts.length > 0 ? (
          <section aria-labelledby="portal-support-heading">
            <h2 id="portal-support-heading" className="font-semibold text-zinc-900">{labels.support}</h2>
            <dl className="mt-2 space-y-1">
              {contacts.map((c) => (
                <div key={c.label} className="flex gap-2">
                  <dt className="text-zinc-600">{c.label}:</dt>
                  <dd>
                    <a href={c.href} className="font-medium text-[var(--brand-accent)] underline underline-offset-4 hover:opacity-80" rel={c.href.startsWith("http") ? "noopener noreferrer" : undefined}>
                      {c.text}
                    </a>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ) : null}
      </div>
    </footer>
  );
}
