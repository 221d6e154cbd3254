import type { PortalBillingMessages } from "@/lib/i18n/messages/portal-billing";
import { PORTAL_INVOICE_STATUSES, type PortalInvoiceStatus } from "@/lib/portal/invoices";
import { secondaryButtonClass } from "../common/card";

// The invoice list's status filter: a GET form, so the filtered list has its own address.
export function StatusFilter({ current, m }: { current: PortalInvoiceStatus | undefined; m: PortalBillingMessages }) {
  return (
    <form method="get" action="/invoices" className="flex items-end gap-2" role="search">
      <div>
        <label htmlFor="invoice-status" className="block text-sm font-medium text-zinc-700">{m.invoices.filter}</label>
        <select
          id="invoice-status"
          name="status"
          defaultValue={current ?? ""}
          className="mt-1 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]"
        >
          <option value="">{m.invoices.all}</option>
          {PORTAL_INVOICE_STATUSES.map((s) => (
            <option key={s} value={s}>{m.invoiceStatus[s]}</option>
          ))}
        </select>
      </div>
      <button type="submit" className={`${secondaryButtonClass} py-2`}>{m.invoices.apply}</button>
    </form>
  );
}
