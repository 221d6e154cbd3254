// /admin/<org>/developers/requests/<id> — one API request of the organization
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { when } from "@/components/admin/table/format";
import { getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { getRequestLogOrThrow } from "@/lib/api/request-log-search";
import { requireStaff } from "../../../../staff";

export const metadata: Metadata = { title: "Request" };

export default async function RequestDetailPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const staff = await requireStaff(org, "developers:read");
  const row = await getRequestLogOrThrow(getDb(), { organizationId: staff.organization.id, id }).catch((error) => {
    if (error instanceof ApiError) notFound();
    throw error;
  });
  const items: Array<[string, string]> = [
    ["Request-Id", row.requestId], ["Method", row.method], ["Path", row.path], ["Status", String(row.status)],
    ["Error code", row.errorCode ?? "—"], ["Duration", `${row.durationMs} ms`], ["Time", when(row.createdAt)],
    ["IP address", row.ip ?? "—"], ["Idempotency-Key", row.idempotencyKey ?? "—"], ["API key id", row.apiKeyId ?? "— (deleted or none)"],
  ];
  return (
    <div className="space-y-4">
      <Link href={`/admin/${staff.organization.slug}/developers/requests`} className="text-sm text-teal-800 underline">← Request log</Link>
      <section aria-labelledby="request-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="request-heading" className="break-all font-mono text-base font-semibold text-slate-900">{row.method} {row.path}</h2>
        <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_minmax(0,1fr)]">
          {items.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-medium text-slate-600">{k}</dt>
              <dd className="break-all font-mono text-slate-900">{v}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
