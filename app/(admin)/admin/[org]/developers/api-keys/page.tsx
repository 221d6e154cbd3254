// /admin/<org>/developers/api-keys — the organization's secret API keys: create (shown once), roll, revoke
import type { Metadata } from "next";
import { ApiKeyActions, CreateApiKeyForm } from "@/components/admin/developers/api-key-forms";
import { ACTIONS_COLUMN, DataTable } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { getDb } from "@/db";
import { listApiKeys } from "@/lib/api-keys/manage";
import { API_KEY_RESOURCES } from "@/lib/api-keys/scopes";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { createApiKeyAction, revokeApiKeyAction, rollApiKeyAction } from "../actions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ org: string }> }) {
  const staff = await requireStaff((await params).org, "developers:read");
  const slug = staff.organization.slug;
  const mayWrite = can(staff.role, "developers:write");
  const keys = await listApiKeys(getDb(), { organizationId: staff.organization.id });
  return (
    <div className="space-y-8">
      <DataTable
        caption={<>API keys <span className="font-normal text-slate-600">({staff.testMode ? "test mode" : "live mode"})</span></>}
        columns={["Name", "Key", "Scopes", "Created", "Last used", "Status", ...(mayWrite ? [ACTIONS_COLUMN] : [])]}
        empty={keys.length === 0 ? `No API keys yet${mayWrite ? ": create one below." : "."}` : null}
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
