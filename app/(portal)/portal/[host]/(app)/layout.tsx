// The signed-in portal's shell (app/(portal)/portal/[host]/(app)/...): branding, navigation of
// the enabled sections, user menu, language, footer. Each page resolves the viewer itself (and
// redirects to sign in with its own path to come back to); without one the shell stays out.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { PortalShell } from "@/components/portal/shell/portal-shell";
import { portalName } from "@/lib/portal/branding";
import { signOutAction } from "../(auth)/actions";
import { getPortalViewer, getPortalVisitor } from "../viewer";
import { setLocaleAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = { children: ReactNode; params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Omit<Props, "children">): Promise<Metadata> {
  const { tenant, settings } = await getPortalVisitor(params);
  const name = portalName(settings.branding, tenant.name);
  const favicon = settings.branding.favicon ?? settings.branding.logo;
  return {
    title: { template: `%s · ${name}`, default: name },
    robots: { index: false, follow: false },
    ...(favicon ? { icons: { icon: [{ url: favicon }] } } : {}),
  };
}

export default async function PortalAppLayout({ children, params }: Props) {
  const viewer = await getPortalViewer(params);
  if (!viewer) return children;
  const { host } = await params;
  return (
    <PortalShell viewer={viewer} localeAction={setLocaleAction.bind(null, host)} signOutAction={signOutAction}>
      {children}
    </PortalShell>
  );
}
