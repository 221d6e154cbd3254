// /admin/<org>/developers/emails — the organization's email outbox, filtered by status
import type { Metadata } from "next";
import Link from "next/link";
import { inputClass } from "@/components/admin/forms/field";
import { DataTable, ListProblem } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager, param } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { listOutboxEmails, OUTBOX_STATUSES, outboxQuery } from "@/lib/email/outbox-list";
import { requireStaff } from "../../../staff";

export const metadata: Metadata = { title: "Email outbox" };

const STATUS_LABEL = { queued: "Queued", sent: "Sent", logged: "Logged (no SMTP)", failed: "Failed" } as const;

export default async function EmailOutboxPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff((await params).org, "developers:read");
  const sp = await searchParams;
  const base = `/admin/${staff.organization.slug}/developers/emails`;
  const status = param(sp, "status");
  const cursor = param(sp, "cursor");
  const parsed = outboxQuery.safeParse({ status, cursor });
  const list = parsed.success ? await unlessBadCursor(() => listOutboxEmails(getDb(), { organizationId: staff.organization.id }, parsed.data)) : null;
  const badFilter = !parsed.success && parsed.error.issues.some((issue) => issue.path[0] === "status");
  const problem = badFilter ? "These filters are not valid: pick a status from the list." : list ? null : BAD_PAGE_LINK;
  const rows = list?.rows ?? [];
  return (
    <div className="space-y-6">
      <form method="get" action={base} aria-label="Filter emails" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <div>
          <label htmlFor="email-status" className="block text-sm font-medium text-slate-800">Status</label>
          <select id="email-status" name="status" defaultValue={parsed.success ? (status ?? "") : ""} className={`${inputClass} w-56`}>
            <option value="">Any</option>
            {OUTBOX_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700">Filter</button>
      </form>
      <ListProblem message={problem} />
      <DataTable
        caption="Emails, newest first"
        columns={["Subject", "To", "Template", "Status", "Attempts", "Created"]}
        empty={rows.length === 0 ? (status ? "No email with this status." : "No emails yet.") : null}
      >
        {rows.map((e) => (
          <tr key={e.id} className="border-b border-slate-100 last:border-0" data-testid="email-row">
            <th scope="row" className={`${tdClass} font-normal`}>
              <Link href={`${base}/${e.id}`} className="font-medium text-teal-800 underline hover:text-teal-950">{e.subject}</Link>
              {e.lastError ? <div className="break-all text-xs text-red-800">Last error: {e.lastError}</div> : null}
            </th>
            <td className={`${tdClass} break-all`}>{e.toAddress}</td>
            <td className={`${tdClass} font-mono text-xs`}>{e.template}</td>
            <td className={tdClass}>{STATUS_LABEL[e.status]}</td>
            <td className={tdClass}>{e.attempts}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(e.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
      <Pager pathname={base} params={{ status: parsed.success ? status : undefined }} cursor={cursor} nextCursor={list?.nextCursor ?? null} label="Email outbox" />
    </div>
  );
}
