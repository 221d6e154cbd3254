import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";
import type { PortalRole, PortalSettings } from "@/db/schema";
import { portalMessages } from "@/lib/i18n/messages/portal";
import { LOCALES, type Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { brandVariables, portalName } from "@/lib/portal/branding";
import { enabledSections, SECTION_PATHS } from "@/lib/portal/sections";
import { LocaleSwitcher, type LocaleAction } from "./locale-switcher";
import { SectionNav, type NavItem } from "./section-nav";
import { SiteFooter } from "./site-footer";
import { UserMenu } from "./user-menu";

// The signed-in portal's frame, in the merchant's brand: header (logo or name, "back to the
// app", language, user menu), the navigation of the enabled sections, the page, the footer.
// The brand colours are CSS variables on the root element (lib/portal/branding.ts).
export type ShellViewer = {
  tenant: { name: string };
  settings: Pick<PortalSettings, "branding" | "features">;
  user: { name: string | null; email: string; role: PortalRole };
  session: { returnUrl: string | null };
  locale: Locale;
};

type ShellProps = { viewer: ShellViewer; localeAction: LocaleAction; signOutAction: () => Promise<void>; children: ReactNode };

export function PortalShell({ viewer, localeAction, signOutAction, children }: ShellProps) {
  const m = pick(portalMessages, viewer.locale);
  const { branding } = viewer.settings;
  const name = portalName(branding, viewer.tenant.name);
  const nav: NavItem[] = enabledSections(viewer.settings).map((s) => ({
    href: SECTION_PATHS[s],
    label: m.sections[s],
    segment: s === "overview" ? null : SECTION_PATHS[s].slice(1),
  }));
  return (
    <div lang={viewer.locale} style={brandVariables(branding) as CSSProperties} data-testid="portal-shell" className="flex flex-1 flex-col bg-zinc-50 text-zinc-900">
      <header className="bg-white">
        <div aria-hidden="true" data-testid="brand-bar" className="h-1.5 bg-[var(--brand)]" />
        <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
          <Link href="/" className="flex min-w-0 items-center gap-3 rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]">
            {branding.logo ? (
              // eslint-disable-next-line @next/next/no-img-element -- the merchant's inline data URL logo
              <img src={branding.logo} alt={m.shell.logoAlt(name)} className="h-9 max-w-40 object-contain" />
            ) : (
              <span aria-hidden="true" className="flex h-9 w-9 items-center justify-center rounded-lg bg-[var(--brand)] text-base font-bold text-[var(--brand-foreground)]">
                {name.slice(0, 1).toUpperCase()}
              </span>
            )}
            <span className="flex min-w-0 flex-col leading-tight">
              <span className="truncate text-base font-bold tracking-tight text-zinc-950" data-testid="portal-name">{name}</span>
              <span className="text-xs text-zinc-600">{m.shell.customerPortal}</span>
            </span>
          </Link>
          <div className="flex flex-wrap items-center gap-3">
            {viewer.session.returnUrl ? (
              <a
                href={viewer.session.returnUrl}
                data-testid="back-to-app"
                className="rounded-md px-3 py-1.5 text-sm font-semibold text-[var(--brand-accent)] ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]"
              >
                <span aria-hidden="true">← </span>
                {m.shell.backToApp}
              </a>
            ) : null}
            <LocaleSwitcher
              action={localeAction}
              current={viewer.locale}
              options={LOCALES.map((l) => ({ value: l, label: m.languages[l] }))}
              labels={{ language: m.shell.language, saved: m.shell.languageSaved, failed: m.shell.languageFailed }}
            />
            <UserMenu
              name={viewer.user.name}
              email={viewer.user.email}
              role={m.roles[viewer.user.role]}
              labels={{ menu: m.shell.userMenu, signedInAs: m.shell.signedInAs, signOut: m.shell.signOut }}
              signOutAction={signOutAction}
            />
          </div>
        </div>
        <SectionNav items={nav} label={m.shell.mainNav} openLabel={m.shell.openMenu} closeLabel={m.shell.closeMenu} />
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full min-w-0 max-w-6xl flex-1 px-4 py-8 focus:outline-none sm:px-6">
        {children}
      </main>
      <SiteFooter
        name={name}
        legalText={branding.footer_legal_text}
        support={{ email: branding.support_email, url: branding.support_url, phone: branding.support_phone }}
        labels={{ support: m.shell.support, email: m.shell.supportEmail, phone: m.shell.supportPhone, site: m.shell.supportSite }}
      />
    </div>
  );
}
