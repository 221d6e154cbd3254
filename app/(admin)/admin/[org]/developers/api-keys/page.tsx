// /admin/<org>/developers/api-keys — the organization's secret API keys: create (shown once), roll, revoke
import type { Metadata } from "next";
import { ApiKeyActions, CreateApiKeyForm } from "@/components/admin/developers/api-key-forms";
import { inputClass } from "@/components/admin/forms/field";
import { ACTIONS_COLUMN, DataTable, ListProblem } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager, param } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { apiKeyListQuery, listApiKeys } from "@/lib/api-keys/manage";
import { API_KEY_RESOURCES } from "@/lib/api-keys/scopes";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { createApiKeyAction, revokeApiKeyAction, rollApiKeyAction } from "../actions";

export const metadata: Metadata = { title: "API keys" };

const SHOWN = { all: "All keys", active: "Active keys", revoked: "Revoked keys" } as const;
const CAPTION = { all: "API keys", active: "Active API keys", revoked: "Revoked API keys" } as const;

export default async function ApiKeysPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff((await params).org, "developers:read");
  const slug = staff.organization.slug;
  const base = `/admin/${slug}/developers/api-keys`;
  const mayWrite = can(staff.role, "developers:write");
  const sp = await searchParams;
  const values = { status: param(sp, "status") };
  const cursor = param(sp, "cursor");
  const parsed = apiKeyListQuery.safeParse({ ...values, cursor });
  const list = parsed.success ? await unlessBadCursor(() => listApiKeys(getDb(), { organizationId: staff.organization.id }, parsed.data)) : null;
  const status = parsed.success ? parsed.data.status : "all";
  const problem = !parsed.success && parsed.error.issues.some((i) => i.path[0] === "status") ? "These filters are not valid: pick which keys to show from the list." : list ? null : BAD_PAGE_LINK;
  const keys = list?.rows ?? [];
  return (
    <div className="space-y-8">
      <form method="get" action={base} aria-label="Filter API keys" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <div>
          <label htmlFor="key-status" className="block text-sm font-medium text-slate-800">Show</label>
          <select id="key-status" name="status" defaultValue={status} className={`${inputClass} w-56`}>
            {Object.entries(SHOWN).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700">Filter</button>
      </form>
      <ListProblem message={problem} />
      <DataTable
        caption={<>{CAPTION[status]}, newest first <span className="font-normal text-slate-600">({staff.testMode ? "test mode" : "live mode"})</span></>}
        columns={["Name", "Key", "Scopes", "Created", "Last used", "Status", ...(mayWrite ? [ACTIONS_COLUMN] : [])]}
        empty={keys.length === 0 ? (status === "active" ? "No active API keys." : status === "revoked" ? "No revoked keys." : `No API keys yet${mayWrite ? ": create one below." : "."}`) : null}
      >
        {keys.map((k) => (
          <tr key={k.id} className="border-b border-slate-100 last:border-0" data-testid="api-key-row">
            <th scope="row" className={`${tdClass} font-medium text-slate-900`}>{k.name}</th>
            <td className={`${tdClass} whitespace-nowrap font-mono text-xs`}>{k.prefix}</td>
            <td className={`${tdClass} text-xs`}>{k.scopes.length === 0 ? "All" : k.scopes.join(", ")}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(k.createdAt)}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{k.lastUsedAt ? when(k.lastUsedAt) : "Never"}</td>
            <td className={tdClass}>
              {k.revokedAt ? <span className="text-slate-700">Revoked {when(k.revokedAt)}</span> : <span className="font-medium text-emerald-800">Active</span>}
            </td>
            {mayWrite ? (
              <td className={`${tdClass} min-w-64`}>
                <ApiKeyActions id={k.id} name={k.name} active={!k.revokedAt} rollAction={rollApiKeyAction.bind(null, slug)} revokeAction={revokeApiKeyAction.bind(null, slug)} />
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      <Pager pathname={base} params={values} cursor={cursor} nextCursor={list?.nextCursor ?? null} label="API keys" />
      {mayWrite ? (
        <section aria-labelledby="create-key-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="create-key-heading" className="mb-3 text-base font-semibold text-slate-900">Create an API key</h2>
          <CreateApiKeyForm action={createApiKeyAction.bind(null, slug)} resources={API_KEY_RESOURCES} mode={staff.organization.mode} />
        </section>
      ) : (
        <p className="text-sm text-slate-600">Your role can view API keys but not create, roll or revoke them.</p>
      )}
    </div>
  );
}
