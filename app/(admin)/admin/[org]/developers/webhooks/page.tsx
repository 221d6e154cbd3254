// /admin/<org>/developers/webhooks — webhook endpoints: list, add (secret shown once), enable/disable, delete
import type { Metadata } from "next";
import Link from "next/link";
import { ACTIONS_COLUMN, DataTable } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager, param } from "@/components/admin/table/pager";
import { CreateEndpointForm, EndpointActions } from "@/components/admin/developers/webhook-forms";
import { getDb } from "@/db";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { page } from "@/lib/api/pagination";
import { can } from "@/lib/staff/permissions";
import { listEndpoints } from "@/lib/webhooks/endpoints";
import { EVENT_TYPES } from "@/lib/webhooks/event-types";
import { requireStaff } from "../../../staff";
import { createEndpointAction, deleteEndpointAction, setEndpointStatusAction } from "../actions";

export const metadata: Metadata = { title: "Webhooks" };

const LIMIT = 50;

export default async function WebhooksPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff((await params).org, "developers:read");
  const slug = staff.organization.slug;
  const base = `/admin/${slug}/developers/webhooks`;
  const mayWrite = can(staff.role, "developers:write");
  const cursor = param(await searchParams, "cursor");
  const rows = await unlessBadCursor(() => listEndpoints(getDb(), { organizationId: staff.organization.id }, { limit: LIMIT, cursor }));
  const { data: endpoints, next_cursor: nextCursor } = page(rows ?? [], LIMIT, (e) => e);
  return (
    <div className="space-y-8">
      <DataTable
        caption="Webhook endpoints"
        columns={["URL", "Events", "Status", "Created", ...(mayWrite ? [ACTIONS_COLUMN] : [])]}
        empty={endpoints.length === 0 ? (rows ? "No webhook endpoints yet." : BAD_PAGE_LINK) : null}
      >
        {endpoints.map((e) => (
          <tr key={e.id} className="border-b border-slate-100 last:border-0" data-testid="endpoint-row">
            <th scope="row" className={`${tdClass} break-all font-normal`}>
              <Link href={`${base}/${e.id}`} className="font-medium text-teal-800 underline hover:text-teal-950">{e.url}</Link>
              {e.description ? <div className="text-slate-600">{e.description}</div> : null}
            </th>
            <td className={`${tdClass} text-xs`}>{e.events.join(", ")}</td>
            <td className={tdClass}>{e.status === "enabled" ? <span className="font-medium text-emerald-800">Enabled</span> : <span className="text-slate-700">Disabled</span>}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(e.createdAt)}</td>
            {mayWrite ? (
              <td className={`${tdClass} min-w-56`}>
                <EndpointActions id={e.id} url={e.url} enabled={e.status === "enabled"} statusAction={setEndpointStatusAction.bind(null, slug)} deleteAction={deleteEndpointAction.bind(null, slug)} />
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      <Pager pathname={base} params={{}} cursor={cursor} nextCursor={nextCursor} label="Webhook endpoints" />
      {mayWrite ? (
        <section aria-labelledby="create-endpoint-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="create-endpoint-heading" className="mb-3 text-base font-semibold text-slate-900">Add an endpoint</h2>
          <CreateEndpointForm action={createEndpointAction.bind(null, slug)} eventTypes={EVENT_TYPES} mode={staff.organization.mode} />
        </section>
      ) : null}
    </div>
  );
}
