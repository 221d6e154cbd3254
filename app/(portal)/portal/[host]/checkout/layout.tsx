// The checkout's frame on a portal host: the merchant's logo or name, the brand colours. Framing
// is limited to the merchant's allowed origins by the proxy (lib/checkout/frame-policy.ts).
import type { CSSProperties, ReactNode } from "react";
import { brandVariables, portalName } from "@/lib/portal/branding";
import { getPortalVisitor } from "../viewer";

export const dynamic = "force-dynamic";

export default async function CheckoutLayout({ children, params }: { children: ReactNode; params: Promise<{ host: string }> }) {
  const { tenant, settings } = await getPortalVisitor(params);
  const name = portalName(settings.branding, tenant.name);
  return (
    <main id="main" style={brandVariables(settings.branding) as CSSProperties} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6">
      <header className="mb-6 flex items-center gap-3">
        {settings.branding.logo ? (
          // eslint-disable-next-line @next/next/no-img-element -- a data: URL or uploaded path from the settings
          <img src={settings.branding.logo} alt={name} className="h-9 w-auto" />
        ) : (
          <p className="text-xl font-semibold text-zinc-900">{name}</p>
        )}
      </header>
      {children}
    </main>
  );
}
