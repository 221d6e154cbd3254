// /admin/<org>/customers/<id> — a customer's overview: balance, overdue, subscriptions, recent invoices and payments
import type { Metadata } from "next";
import Link from "next/link";
import { CustomerRecords } from "@/components/admin/customers/customer-records";
import { money } from "@/components/admin/customers/format";
import { when } from "@/components/admin/table/format";
import { getDb } from "@/db";
import type { PaymentMethod } from "@/db/schema";
import { customerOverview } from "@/lib/admin/customer-queries";
import { organizationCurrency } from "@/lib/organizations/create";
import { can } from "@/lib/staff/permissions";
import { requireCustomer } from "./customer";

export const metadata: Metadata = { title: "Customer" };

const card = "rounded-xl border border-slate-200 bg-white p-5 shadow-sm";

const TYPE = { card: "Card", boleto: "Boleto", pix: "PIX" } as const;

/** "Visa ending in 4242, expires 12/2030", "PIX", "Boleto". */
function methodLabel(m: PaymentMethod): string {
  if (m.type !== "card") return TYPE[m.type];
  const brand = m.cardBrand ? m.cardBrand[0]!.toUpperCase() + m.cardBrand.slice(1) : "Card";
  const expiry = m.cardExpMonth && m.cardExpYear ? `, expires ${String(m.cardExpMonth).padStart(2, "0")}/${m.cardExpYear}` : "";
  return `${brand} ending in ${m.cardLast4 ?? "····"}${expiry}`;
}

export default async function CustomerOverviewPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const { staff, account, base } = await requireCustomer(org, id);
  const [overview, currency] = await Promise.all([
    customerOverview(getDb(), { organizationId: staff.organization.id }, account.id),
    organizationCurrency(getDb(), staff.organization.id),
  ]);
  const address = account.taxAddress;
  const metadata = Object.entries(account.metadata);
  return (
    <div className="space-y-6">
      {overview.overdue ? (
        <p role="status" className="rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-900 ring-1 ring-red-200">
          {overview.overdue.count} overdue {overview.overdue.count === 1 ? "invoice" : "invoices"}: {overview.overdue.due.map((d) => money(d.cents, d.currency)).join(" + ")} past due.
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <section aria-labelledby="balance-heading" className={card}>
          <h2 id="balance-heading" className="text-base font-semibold text-slate-900">Credit balance</h2>
          <p className="mt-2 text-xl font-semibold text-slate-900" data-testid="credit-balance">
            {overview.balance.length ? overview.balance.map((b) => money(b.available_cents, b.currency)).join(" + ") : money(0, currency)}
          </p>
          <p className="mt-1 text-sm text-slate-600">Applied automatically to this customer&apos;s next invoices. <Link href={`${base}/${account.id}/credits`} className="text-teal-800 underline">See credits</Link></p>
        </section>
        <section aria-labelledby="billing-heading" className={card}>
          <h2 id="billing-heading" className="text-base font-semibold text-slate-900">Billing details</h2>
          <dl className="mt-2 grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-600">Legal name</dt><dd className="text-slate-900">{account.legalName ?? "—"}</dd>
            <dt className="text-slate-600">Phone</dt><dd className="text-slate-900">{account.phone ?? "—"}</dd>
            <dt className="text-slate-600">Tax address</dt>
            <dd className="text-slate-900">
              {address ? (
                <>
                  {[address.line1, address.number, address.complement].filter(Boolean).join(", ")}
                  <br />
                  {[address.district, `${address.city} – ${address.state}`, address.postal_code, address.country].filter(Boolean).join(", ")}
                </>
              ) : "—"}
            </dd>
            {metadata.length ? (
              <>
                <dt className="text-slate-600">Metadata</dt>
                <dd className="font-mono text-xs text-slate-900">{metadata.map(([k, v]) => <div key={k}>{k}: {v}</div>)}</dd>
              </>
            ) : null}
          </dl>
        </section>
      </div>
      <section aria-labelledby="methods-heading" className={card}>
        <h2 id="methods-heading" className="text-base font-semibold text-slate-900">Payment methods</h2>
        {overview.paymentMethods.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">None yet: the customer adds them in the portal (or through the API); invoices are then sent to be paid by boleto or PIX.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {overview.paymentMethods.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2" data-testid="payment-method">
                <span className="font-medium text-slate-900">{methodLabel(m)}</span>
                {m.role ? <span className="rounded bg-teal-50 px-2 py-0.5 text-xs font-semibold text-teal-900 ring-1 ring-teal-200">{m.role === "default" ? "Default" : "Backup"}</span> : null}
                <span className="text-slate-600">added {when(m.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <CustomerRecords orgBase={`/admin/${staff.organization.slug}`} accountId={account.id} mayWrite={can(staff.role, "business:write") && account.status === "active"} overview={overview} />
    </div>
  );
}
