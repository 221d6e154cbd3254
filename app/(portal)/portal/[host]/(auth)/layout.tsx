// The sign-in pages' frame: the merchant's logo or name on top, a card, the brand colour.
import type { CSSProperties, ReactNode } from "react";
import { getPortalVisitor } from "../viewer";

export const dynamic = "force-dynamic";

export default async function AuthLayout({ children, params }: { children: ReactNode; params: Promise<{ host: string }> }) {
  const { tenant, settings } = await getPortalVisitor(params);
  const name = settings.branding.name?.trim() || tenant.name;
  // Portal settings only accept primary colours with >= 4.5:1 contrast on white, so white text reads on it.
  const style = { "--brand": settings.branding.primary_color, "--brand-foreground": "#ffffff" } as CSSProperties;
  return (
    <main id="main" style={style} className="flex flex-1 items-start justify-center px-4 py-12 sm:items-center">
      <div className="w-full max-w-sm">
        <header className="mb-6 flex justify-center">
          {settings.branding.logo ? (
            // eslint-disable-next-line @next/next/no-img-element -- a data: URL from the settings
            <img src={settings.branding.logo} alt={name} className="h-10 w-auto" />
          ) : (
            <p className="text-xl font-semibold text-zinc-900">{name}</p>
          )}
        </header>
        <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
