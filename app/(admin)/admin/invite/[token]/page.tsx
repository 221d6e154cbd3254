// /admin/invite/<token> — an emailed invitation to join an organization's staff
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { auth } from "@/auth";
import { AcceptButton, NewAccountForm } from "@/components/admin/auth/accept-invite";
import { getDb } from "@/db";
import { unsafeFindInviteByToken } from "@/lib/staff/invites";
import { findStaffUserByEmail } from "@/lib/staff/magic-link";
import { ROLE_LABELS } from "@/lib/staff/permissions";
import { signOutAction } from "../../actions";
import { acceptAsCurrentUserAction, acceptAsNewUserAction } from "./actions";

export const metadata: Metadata = { title: "Invitation — Ciclo admin", robots: { index: false, follow: false }, referrer: "no-referrer" };
export const dynamic = "force-dynamic";

const GONE: Record<string, string> = {
  expired: "This invitation has expired. Ask for a new one.",
  used: "This invitation was already used.",
  revoked: "This invitation was withdrawn.",
};

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="w-full max-w-md space-y-4 rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
        {children}
      </div>
    </main>
  );
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await unsafeFindInviteByToken(getDb(), token);
  if (!invite) return <Card title="Invitation not found"><p className="text-sm text-slate-700">This link is not a valid invitation.</p></Card>;
  if (invite.state !== "pending") return <Card title="Invitation unavailable"><p className="text-sm text-slate-700">{GONE[invite.state]}</p></Card>;
  const intro = (
    <p className="text-sm text-slate-700">
      You are invited to join <strong>{invite.organization.name}</strong> as <strong>{ROLE_LABELS[invite.role].toLowerCase()}</strong> ({invite.email}).
    </p>
  );
  const session = await auth();
  const here = `/admin/invite/${token}`;
  if (session?.user?.email) {
    if (session.user.email.toLowerCase() === invite.email.toLowerCase()) {
      return <Card title={`Join ${invite.organization.name}`}>{intro}<AcceptButton action={acceptAsCurrentUserAction.bind(null, token)} /></Card>;
    }
    return (
      <Card title="Another account is signed in">
        {intro}
        <p className="text-sm text-slate-700">You are signed in as {session.user.email}. Sign out, then open this link again.</p>
        <form action={signOutAction}><button className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100">Sign out</button></form>
      </Card>
    );
  }
  if (await findStaffUserByEmail(getDb(), invite.email)) {
    return (
      <Card title={`Join ${invite.organization.name}`}>
        {intro}
        <p className="text-sm text-slate-700">You already have a Ciclo account: sign in as {invite.email} to accept.</p>
        <a href={`/admin/sign-in?callbackUrl=${encodeURIComponent(here)}`} className="inline-block rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800">Sign in to accept</a>
      </Card>
    );
  }
  return <Card title={`Join ${invite.organization.name}`}>{intro}<NewAccountForm action={acceptAsNewUserAction.bind(null, token)} email={invite.email} /></Card>;
}
