import type { ReactNode } from "react";
import Link from "next/link";
import { Badge, documentText } from "@/components/admin/customers/format";
import { CustomerTabs } from "@/components/admin/customers/customer-tabs";
import { when } from "@/components/admin/table/format";
import { requireCustomer } from "./customer";

// /admin/<org>/customers/<id>/… — one customer: who they are, and the tabs of their records.
export default async function CustomerLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const { account, base } = await requireCustomer(org, id);
  const doc = documentText(account);
  return (
    <div className="max-w-6xl space-y-6">
      <Link href={base} className="text-sm text-teal-800 underline">← Customers</Link>
      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold text-slate-900">{account.name}</h1>
          {account.status === "archived" ? <Badge tone="neutral">Archived {when(account.archivedAt)}</Badge> : null}
        </div>
        <p className="text-sm text-slate-700">
          <span className="break-all">{account.email}</span>
          {doc ? <> · {doc}</> : null}
          {account.externalId ? <> · <span className="font-mono text-xs">{account.externalId}</span></> : null}
        </p>
        <p className="text-xs text-slate-600">Customer since {when(account.createdAt)} · <span className="font-mono">{account.id}</span></p>
      </header>
      <CustomerTabs base={base} id={account.id} />
      {children}
    </div>
  );
}
