// /admin/<org>/developers/requests — the organization's API requests of the last 30 days
import type { Metadata } from "next";
import Link from "next/link";
import { DataTable, ListProblem } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager, param } from "@/components/admin/table/pager";
import { RequestFilters } from "@/components/admin/developers/request-filters";
import { getDb } from "@/db";
import { issuesToFields } from "@/lib/admin/form-state";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { requestLogQuery, searchRequestLogs } from "@/lib/api/request-log-search";
import { requireStaff } from "../../../staff";

export const metadata: Metadata = { title: "Request log" };

type Search = Record<string, string | string[] | undefined>;

export default async function RequestLogPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const staff = await requireStaff((await params).org, "developers:read");
  const sp = await searchParams;
  const base = `/admin/${staff.organization.slug}/developers/requests`;
  const values = { request_id: param(sp, "request_id"), status: param(sp, "status"), path: param(sp, "path") };
  const cursor = param(sp, "cursor");
  const parsed = requestLogQuery.safeParse({ ...values, cursor });
  const list = parsed.success ? await unlessBadCursor(() => searchRequestLogs(getDb(), { organizationId: staff.organization.id }, parsed.data)) : null;
  const rows = list?.rows ?? [];
  const errors = parsed.success ? {} : issuesToFields(parsed.error.issues);
  const filtered = Boolean(values.request_id || values.status || values.path);
  return (
    <div className="space-y-6">
      <RequestFilters action={base} values={values} errors={errors} />
      <ListProblem message={(parsed.success && !list) || errors.cursor ? BAD_PAGE_LINK : null} />
      <DataTable
        caption={<>API requests, newest first <span className="font-normal text-slate-600">(last 30 days)</span></>}
        columns={["Time", "Request", "Status", "Duration", "Request-Id"]}
        empty={rows.length === 0 ? (filtered ? "No request matches these filters." : "No API requests in the last 30 days.") : null}
      >
        {rows.map((r) => (
          <tr key={r.id} className="border-b border-slate-100 last:border-0" data-testid="request-row">
            <td className={`${tdClass} whitespace-nowrap`}>{when(r.createdAt)}</td>
            <th scope="row" className={`${tdClass} font-mono text-xs font-normal`}>
              <Link href={`${base}/${r.id}`} className="text-teal-800 underline hover:text-teal-950">{r.method} {r.path}</Link>
            </th>
            <td className={`${tdClass} font-mono ${r.status >= 400 ? "text-red-800" : "text-emerald-800"}`}>{r.status}{r.errorCode ? ` ${r.errorCode}` : ""}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{r.durationMs} ms</td>
            <td className={`${tdClass} font-mono text-xs`}>{r.requestId}</td>
          </tr>
        ))}
      </DataTable>
      <Pager pathname={base} params={values} cursor={cursor} nextCursor={list?.nextCursor ?? null} label="Request log" />
    </div>
  );
}
