import type { ReactNode } from "react";
import { SettingsTabs } from "@/components/admin/portal-settings/settings-tabs";

export default async function PortalSettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-semibold text-slate-900">Portal settings</h1>
      <p className="mb-4 mt-1 text-sm text-slate-600">How your customers&apos; portal looks and how they sign in. Changes apply at once.</p>
      <SettingsTabs base={`/admin/${org}/portal`} />
      {children}
    </div>
  );
}
