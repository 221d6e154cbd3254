import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { OrganizationCard } from "@/components/admin/overview/organization-card";
import { getDb } from "@/db";
import { listStaffOrganizations } from "@/lib/staff/memberships";
import { signOutAction } from "./actions";

export const metadata: Metadata = { title: "Ciclo admin" };
export const dynamic = "force-dynamic";

export default async function AdminHome() {
  const session = await auth();
  if (!session?.user?.id) redirect("/admin/sign-in");
  const memberships = await listStaffOrganizations(getDb(), session.user.id);
  return (
    <main id="main" className="mx-auto max-w-4xl px-6 py-10">
      <header className="flex items-center justify-between">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Your organizations</h1>
          <p className="text-sm text-slate-600">Signed in as {session.user.email}</p>
        </div>
        <form action={signOutAction}>
          <button className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100">Sign out</button>
        </form>
      </header>
      <section aria-label="Organizations" className="mt-8 space-y-6">
        {memberships.length === 0 ? <p className="text-slate-700">You are not a member of any organization yet.</p> : null}
        {memberships.map((m) => <OrganizationCard key={m.live.id} membership={m} />)}
      </section>
    </main>
  );
}
