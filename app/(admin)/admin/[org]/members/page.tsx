// /admin/<org>/members — the organization's staff, pending invitations, and inviting someone
import type { Metadata } from "next";
import { InviteForm, RemoveForm, RoleForm, WithdrawForm } from "@/components/admin/members/member-forms";
import { getDb } from "@/db";
import { memberRoles } from "@/db/schema";
import { listMembers, listPendingInvites } from "@/lib/staff/members";
import { PERMISSION_SUMMARY } from "@/lib/staff/permission-summary";
import { assignableRoles, can, ROLE_LABELS } from "@/lib/staff/permissions";
import { requireStaff } from "../../staff";
import { changeRoleAction, inviteMemberAction, removeMemberAction, revokeInviteAction } from "./actions";

export const metadata: Metadata = { title: "Members" };

const date = (d: Date) => new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(d);

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const staff = await requireStaff((await params).org, "members:read");
  const slug = staff.organization.slug;
  const [members, invites] = await Promise.all([listMembers(getDb(), staff.live.id), listPendingInvites(getDb(), staff.live.id)]);
  const roles = assignableRoles(staff.role);
  const mayTouch = (role: keyof typeof ROLE_LABELS) => can(staff.role, "members:write") && (role !== "owner" || can(staff.role, "members:owners"));
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Members</h1>
        <p className="mt-1 text-sm text-slate-600">People who work on {staff.live.name}, in live and test mode alike, each with one role.</p>
        <details className="mt-3 rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm">
          <summary className="cursor-pointer font-medium text-slate-800">What each role can do</summary>
          <dl className="mt-2 space-y-2 pb-2">
            {memberRoles.map((role) => (
              <div key={role}>
                <dt className="font-semibold text-slate-900">{ROLE_LABELS[role]}</dt>
                <dd className="text-slate-700">{PERMISSION_SUMMARY[role].join(" ")}</dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
      <section aria-labelledby="members-heading" className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 id="members-heading" className="px-5 pt-4 text-base font-semibold text-slate-900">Staff</h2>
        <table className="mt-2 w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-600">
            <tr><th scope="col" className="px-5 py-2 font-medium">Member</th><th scope="col" className="px-5 py-2 font-medium">Role</th><th scope="col" className="px-5 py-2 font-medium">Since</th><th scope="col" className="px-5 py-2 font-medium"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId} className="border-b border-slate-100 align-top last:border-0" data-testid="member-row">
                <td className="px-5 py-3"><div className="font-medium text-slate-900">{m.name ?? m.email}</div><div className="text-slate-600">{m.email}</div></td>
                <td className="px-5 py-3">
                  {mayTouch(m.role) ? <RoleForm action={changeRoleAction.bind(null, slug)} userId={m.userId} role={m.role} roles={roles} who={m.email} /> : <span className="text-slate-800">{ROLE_LABELS[m.role]}</span>}
                </td>
                <td className="px-5 py-3 text-slate-700">{date(m.since)}</td>
                <td className="px-5 py-3 text-right">{mayTouch(m.role) && m.userId !== staff.userId ? <RemoveForm action={removeMemberAction.bind(null, slug)} userId={m.userId} who={m.email} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {invites.length > 0 ? (
        <section aria-labelledby="invites-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="invites-heading" className="text-base font-semibold text-slate-900">Pending invitations</h2>
          <ul className="mt-3 divide-y divide-slate-100">
            {invites.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                <span><span className="font-medium text-slate-900">{i.email}</span> · {ROLE_LABELS[i.role]} · expires {date(i.expiresAt)}</span>
                {mayTouch(i.role) ? <WithdrawForm action={revokeInviteAction.bind(null, slug)} inviteId={i.id} email={i.email} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {roles.length > 0 ? (
        <section aria-labelledby="invite-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="invite-heading" className="mb-3 text-base font-semibold text-slate-900">Invite someone</h2>
          <InviteForm action={inviteMemberAction.bind(null, slug)} roles={roles} />
        </section>
      ) : null}
    </div>
  );
}
