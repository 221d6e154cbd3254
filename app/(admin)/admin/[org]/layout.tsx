// The admin's frame for one organization (live or sandbox): /admin/<slug>/…
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminShell } from "@/components/admin/shell/admin-shell";
import { getDb } from "@/db";
import { listStaffOrganizationNames } from "@/lib/staff/memberships";
import { signOutAction } from "../actions";
import { currentStaffSession, requireStaff } from "../staff";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: { template: "%s · Ciclo admin", default: "Ciclo admin" }, robots: { index: false, follow: false } };

export default async function OrganizationLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const staff = await requireStaff((await params).org, "organization:read");
  const session = await currentStaffSession();
  const organizations = await listStaffOrganizationNames(getDb(), staff.userId);
  return (
    <AdminShell staff={staff} organizations={organizations} user={{ name: session?.user?.name ?? null, email: session?.user?.email ?? "" }} signOutAction={signOutAction}>
      {children}
    </AdminShell>
  );
}
