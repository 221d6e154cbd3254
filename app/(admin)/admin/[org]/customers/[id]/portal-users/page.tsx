// /admin/<org>/customers/<id>/portal-users — who signs in to this customer's portal: invite, role, force reset, unblock, remove
import type { Metadata } from "next";
import Link from "next/link";
import { Badge, StatusBadge } from "@/components/admin/customers/format";
import { InvitePortalUserForm, PortalUserActions } from "@/components/admin/customers/portal-user-forms";
import { ACTIONS_COLUMN, DataTable, ListProblem } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager, param } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { page } from "@/lib/api/pagination";
import { now } from "@/lib/clock";
import { listPortalUsers } from "@/lib/portal-auth/portal-users";
import { can } from "@/lib/staff/permissions";
import {
  changePortalUserRoleAction, forcePasswordResetAction, invitePortalUserAction, removePortalUserAction, resendInviteAction, unblockPortalUserAction,
} from "../../actions";
import { requireCustomer } from "../customer";

export const metadata: Metadata = { title: "Portal users" };

const LIMIT = 25;
const STATUSES = ["invited", "active", "removed"] as const;

export default async function PortalUsersPage({ params, searchParams }: { params: Promise<{ org: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org, id } = await params;
  const { staff, account, base } = await requireCustomer(org, id);
  const sp = await searchParams;
  const statusParam = param(sp, "status");
  const status = STATUSES.find((s) => s === statusParam);
  const cursor = param(sp, "cursor");
  const scope = { organizationId: staff.organization.id, billingAccountId: account.id };
  const rows = await unlessBadCursor(() => listPortalUsers(getDb(), scope, { limit: LIMIT, cursor, status }));
  const { data: users, next_cursor: nextCursor } = page(rows ?? [], LIMIT, (u) => u);
  const slug = staff.organization.slug;
  const mayManage = can(staff.role, "portal_users:manage");
  const path = `${base}/${account.id}/portal-users`;
  const at = now().getTime();
  const actions = {
    role: changePortalUserRoleAction.bind(null, slug), reset: forcePasswordResetAction.bind(null, slug), unblock: unblockPortalUserAction.bind(null, slug),
    resend: resendInviteAction.bind(null, slug), remove: removePortalUserAction.bind(null, slug),
  };
  return (
    <div className="space-y-6">
      <nav aria-label="Portal users by status" className="flex flex-wrap gap-2 text-sm">
        {[{ value: undefined, label: "Current" }, ...STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))].map((f) => (
          <Link
            key={f.label}
            href={f.value ? `${path}?status=${f.value}` : path}
            aria-current={f.value === status ? "page" : undefined}
            className={`rounded-full px-3 py-1 font-medium ring-1 ring-inset ${f.value === status ? "bg-teal-700 text-white ring-teal-700" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50"}`}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      <ListProblem message={statusParam && !status ? "Status must be invited, active or removed." : rows === null ? BAD_PAGE_LINK : null} />
      <DataTable
        caption="Portal users"
        columns={["User", "Role", "Status", "Security", "Last sign-in", ...(mayManage && status !== "removed" ? [ACTIONS_COLUMN] : [])]}
        empty={users.length === 0 && rows !== null ? (status ? `No ${status} portal users.` : "No portal users yet: invite one below.") : null}
      >
        {users.map((u) => {
          const locked = u.lockedUntil !== null && u.lockedUntil.getTime() > at;
          return (
            <tr key={u.id} className="border-b border-slate-100 last:border-0" data-testid="portal-user-row">
              <th scope="row" className={`${tdClass} font-normal`}>
                <div className="break-all font-medium text-slate-900">{u.email}</div>
                {u.name ? <div className="text-slate-600">{u.name}</div> : null}
              </th>
              <td className={`${tdClass} capitalize`}>{u.role}</td>
              <td className={tdClass}><StatusBadge status={u.status} /></td>
              <td className={tdClass}>
                <div className="flex flex-wrap gap-1">
                  {locked ? <Badge tone="bad">Locked until {when(u.lockedUntil)}</Badge> : null}
                  {!locked && u.failedAttempts > 0 ? <Badge tone="warn">{u.failedAttempts} failed {u.failedAttempts === 1 ? "attempt" : "attempts"}</Badge> : null}
                  {u.mustResetPassword ? <Badge tone="warn">Must reset password</Badge> : null}
                  <Badge tone={u.totpEnabledAt ? "good" : "neutral"}>{u.totpEnabledAt ? "2FA on" : "2FA off"}</Badge>
                  <Badge tone="neutral">{u.passwordHash ? "Password set" : "No password"}</Badge>
                </div>
              </td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(u.lastSignInAt)}</td>
              {mayManage && status !== "removed" ? (
                <td className={tdClass}>
                  {u.status === "removed" ? null : (
                    <PortalUserActions user={{ id: u.id, email: u.email, role: u.role, invited: u.status === "invited", locked: locked || u.failedAttempts > 0 }} accountId={account.id} actions={actions} />
                  )}
                </td>
              ) : null}
            </tr>
          );
        })}
      </DataTable>
      <Pager pathname={path} params={{ status }} cursor={cursor} nextCursor={nextCursor} label="Portal users" />
      {mayManage && account.status === "active" ? (
        <section aria-labelledby="invite-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="invite-heading" className="mb-3 text-base font-semibold text-slate-900">Invite a portal user</h2>
          <InvitePortalUserForm action={invitePortalUserAction.bind(null, slug)} accountId={account.id} />
        </section>
      ) : null}
    </div>
  );
}
