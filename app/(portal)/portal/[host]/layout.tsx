// Portal shell for /portal/<host>/... (reached only through proxy.ts rewriting a tenant host).
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TestModeBanner } from "@/components/portal/test-mode-banner";
import { findPortalTenant } from "./tenant";
import { getPortalVisitor } from "./viewer";

export const dynamic = "force-dynamic";

type Props = { children: ReactNode; params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Omit<Props, "children">): Promise<Metadata> {
  // An unknown host: the layout's notFound() renders the 404. Thrown from here instead, it left
  // that page without a <title> (axe: document-title).
  const tenant = await findPortalTenant(params);
  return { title: tenant ? `${tenant.name} · Customer portal` : "Page not found", robots: { index: false, follow: false } };
}

export default async function PortalLayout({ children, params }: Props) {
  const { tenant, locale } = await getPortalVisitor(params);
  return (
    <div className="flex min-h-dvh flex-col bg-zinc-50">
      {tenant.mode === "test" ? <TestModeBanner organizationName={tenant.name} locale={locale} /> : null}
      {children}
    </div>
  );
}
