// /admin/<org>/developers/requests — the organization's API requests of the last 30 days
import type { Metadata } from "next";
import Link from "next/link";
import { captionClass, tableClass, tableWrap, tdClass, thClass, when } from "@/components/admin/developers/format";
import { Pager, param } from "@/components/admin/developers/pager";
import { RequestFilters } from "@/components/admin/developers/request-filters";
import { getDb } from "@/db";
import { issuesToFields } from "@/lib/admin/form-state";
import { ApiError } from "@/lib/api/errors";
import { requestLogQuery, searchRequestLogs, type RequestLogRow } from "@/lib/api/request-log-search";
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
  let errors: Record<string, string> = parsed.success ? {} : issuesToFields(parsed.error.issues);
  let rows: RequestLogRow[] = [];
  let nextCursor: string | null = null;
  if (parsed.success) {
    try {
      ({ rows, nextCursor } = await searchRequestLogs(getDb(), { organizationId: staff.organization.id }, parsed.data));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      errors = { [error.param ?? "request_id"]: "is not valid: start again from the first page" };
    }
  }
  const filtered = Boolean(values.request_id || values.status || values.path);
  return (
    <div className="space-y-6">
      <RequestFilters action={base} values={values} errors={errors} />
      <div className={tableWrap}>
        <table className={tableClass}>
          <caption className={captionClass}>
            API requests, newest first <span className="font-normal text-slate-600">(last 30 days)</span>
          </caption>
          <thead className="border-b border-slate-200">
            <tr>
              <th scope="col" className={thClass}>Time</th>
              <th scope="col" className={thClass}>Request</th>
              <th scope="col" className={thClass}>Status</th>
              <th scope="col" className={thClass}>Duration</th>
              <th scope="col" className={thClass}>Request-Id</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr><td colSpan={5} className={`${tdClass} text-slate-600`}>{filtered ? "No request matches these filters." : "No API requests in the last 30 days."}</td></tr>
            ) : null}
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
          </tbody>
        </table>
      </div>
      <Pager pathname={base} params={values} cursor={cursor} nextCursor={nextCursor} label="Request log" />
    </div>
  );
}
