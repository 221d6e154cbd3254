import type { NfeFields } from "@/db/schema";
import type { PortalBillingMessages } from "@/lib/i18n/messages/portal-billing";
import { Badge, Card, Empty, linkClass } from "../common/card";

// The NF-e (Brazilian electronic service invoice) linked to an invoice, as the merchant recorded it.
export function NfeCard({ nfe, m }: { nfe: NfeFields | null; m: PortalBillingMessages }) {
  const known = nfe && (nfe.number || nfe.status || nfe.verification_url);
  return (
    <Card title={m.invoices.nfeTitle} titleId="nfe-heading" testId="nfe">
      {known ? (
        <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
          {nfe.number ? <Fact label={m.invoices.nfeNumber} value={nfe.number} /> : null}
          {nfe.series ? <Fact label={m.invoices.nfeSeries} value={nfe.series} /> : null}
          {nfe.status ? (
            <div>
              <dt className="text-zinc-600">{m.invoices.nfeStatus}</dt>
              <dd className="mt-0.5">
                <Badge tone={nfe.status === "issued" ? "success" : nfe.status === "error" ? "danger" : "neutral"}>{m.invoices.nfeStatuses[nfe.status]}</Badge>
              </dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <Empty>{m.invoices.nfeNone}</Empty>
      )}
      {nfe?.verification_url && /^https?:\/\//.test(nfe.verification_url) ? (
        <p className="mt-3 text-sm">
          <a href={nfe.verification_url} className={linkClass} rel="noopener noreferrer" target="_blank">{m.invoices.nfeVerify}</a>
        </p>
      ) : null}
    </Card>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-zinc-600">{label}</dt>
      <dd className="mt-0.5 font-medium text-zinc-900">{value}</dd>
    </div>
  );
}
