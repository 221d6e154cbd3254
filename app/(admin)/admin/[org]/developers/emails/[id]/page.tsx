// /admin/<org>/developers/emails/<id> — one email: its headers, text, and its HTML in a sandboxed frame
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { when } from "@/components/admin/table/format";
import { getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { getOutboxEmailOrThrow } from "@/lib/email/outbox-list";
import { requireStaff } from "../../../../staff";

export const metadata: Metadata = { title: "Email" };

export default async function EmailPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const staff = await requireStaff(org, "developers:read");
  const email = await getOutboxEmailOrThrow(getDb(), { organizationId: staff.organization.id, id }).catch((error) => {
    if (error instanceof ApiError) notFound();
    throw error;
  });
  const items: Array<[string, string]> = [
    ["To", email.toAddress], ["From", email.fromAddress], ["Template", email.template], ["Status", email.status],
    ["Attempts", String(email.attempts)], ["Last error", email.lastError ?? "—"], ["Created", when(email.createdAt)], ["Sent", when(email.sentAt)],
  ];
  return (
    <div className="space-y-6">
      <Link href={`/admin/${staff.organization.slug}/developers/emails`} className="text-sm text-teal-800 underline">← Email outbox</Link>
      <section aria-labelledby="email-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="email-heading" className="break-words text-base font-semibold text-slate-900">{email.subject}</h2>
        <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
          {items.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-medium text-slate-600">{k}</dt>
              <dd className="break-all text-slate-900">{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="email-html-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="email-html-heading" className="text-base font-semibold text-slate-900">HTML</h2>
        <p className="mt-1 text-xs text-slate-600">Shown in a sandboxed frame: its scripts, forms and links do not run here.</p>
        {/* sandbox="" : no scripts, no same-origin, no navigation — the email's HTML never touches this page. */}
        <iframe title={`HTML of “${email.subject}”`} sandbox="" srcDoc={email.html} className="mt-3 h-[32rem] w-full rounded border border-slate-200 bg-white" data-testid="email-html" />
      </section>
      <section aria-labelledby="email-text-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="email-text-heading" className="text-base font-semibold text-slate-900">Text</h2>
        <pre tabIndex={0} className="mt-3 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-sm text-slate-900">{email.text}</pre>
      </section>
    </div>
  );
}
