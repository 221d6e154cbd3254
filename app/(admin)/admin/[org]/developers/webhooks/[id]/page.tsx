// /admin/<org>/developers/webhooks/<id> — one endpoint's delivery log, with the payloads and resend
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ACTIONS_COLUMN, DataTable } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager, param } from "@/components/admin/table/pager";
import { ResendForm } from "@/components/admin/developers/webhook-forms";
import { getDb } from "@/db";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { ApiError } from "@/lib/api/errors";
import { can } from "@/lib/staff/permissions";
import { eventPayload, listDeliveryLog } from "@/lib/webhooks/delivery-log";
import { getEndpointOrThrow } from "@/lib/webhooks/endpoints";
import { requireStaff } from "../../../../staff";
import { resendDeliveryAction } from "../../actions";
import { isUuid } from "@/lib/uuid";

export const metadata: Metadata = { title: "Webhook deliveries" };

const STATUS_STYLE = { succeeded: "text-emerald-800", failed: "text-red-800", pending: "text-amber-900" } as const;

export default async function EndpointPage({ params, searchParams }: { params: Promise<{ org: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org, id } = await params;
  const staff = await requireStaff(org, "developers:read");
  const organizationId = staff.organization.id;
  if (!isUuid(id)) notFound();
  const endpoint = await getEndpointOrThrow(getDb(), { organizationId, id }).catch((error) => {
    if (error instanceof ApiError) notFound();
    throw error;
  });
  const cursor = param(await searchParams, "cursor");
  const log = await unlessBadCursor(() => listDeliveryLog(getDb(), { organizationId, endpointId: endpoint.id }, { limit: 25, cursor }));
  const base = `/admin/${staff.organization.slug}/developers/webhooks`;
  const mayWrite = can(staff.role, "developers:write");
  return (
    <div className="space-y-6">
      <Link href={base} className="text-sm text-teal-800 underline">← Webhook endpoints</Link>
      <section aria-labelledby="endpoint-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="endpoint-heading" className="break-all text-base font-semibold text-slate-900">{endpoint.url}</h2>
        <p className="mt-1 text-sm text-slate-700">{endpoint.status === "enabled" ? "Enabled" : "Disabled"} · {endpoint.events.join(", ")}</p>
        {endpoint.description ? <p className="mt-1 text-sm text-slate-600">{endpoint.description}</p> : null}
      </section>
      <DataTable
        caption="Deliveries, newest first"
        columns={["Event", "Status", "Attempts", "Response", "Times", ...(mayWrite ? [ACTIONS_COLUMN] : [])]}
        empty={!log ? BAD_PAGE_LINK : log.rows.length === 0 ? "No deliveries yet: events this endpoint subscribes to appear here." : null}
      >
        {log?.rows.map(({ delivery: d, event }) => (
          <tr key={d.id} className="border-b border-slate-100 last:border-0" data-testid="delivery-row">
            <th scope="row" className={`${tdClass} font-normal`}>
              <div className="font-mono text-xs font-medium text-slate-900">{event.type}</div>
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-teal-800 underline">Payload</summary>
                <pre className="mt-2 max-h-80 max-w-xl overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-50" tabIndex={0}>{eventPayload(event)}</pre>
              </details>
            </th>
            <td className={`${tdClass} font-medium ${STATUS_STYLE[d.status]}`} data-testid="delivery-status">{d.status}</td>
            <td className={tdClass} data-testid="delivery-attempts">{d.attemptCount}</td>
            <td className={`${tdClass} text-xs`}>
              <div className="font-mono">{d.lastStatusCode ?? "—"}</div>
              {d.lastError ? <div className="break-all text-red-800">{d.lastError}</div> : null}
            </td>
            <td className={`${tdClass} whitespace-nowrap text-xs`}>
              <div>Created {when(d.createdAt)}</div>
              <div>Delivered {when(d.deliveredAt)}</div>
              {d.status === "pending" ? <div>Next attempt {when(d.nextAttemptAt)}</div> : null}
            </td>
            {mayWrite ? <td className={tdClass}><ResendForm id={d.id} action={resendDeliveryAction.bind(null, staff.organization.slug)} /></td> : null}
          </tr>
        ))}
      </DataTable>
      <Pager pathname={`${base}/${endpoint.id}`} params={{}} cursor={cursor} nextCursor={log?.nextCursor ?? null} label="Deliveries" />
    </div>
  );
}
