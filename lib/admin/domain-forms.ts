import type { DbOrTx } from "@/db";
import { now } from "@/lib/clock";
import { dnsRecordsFor, type DnsRecord } from "@/lib/domains/records";
import { addDomain, createDomainInput, deleteDomain, listDomains, type DomainWithCertificate } from "@/lib/domains/service";
import { domainSettings } from "@/lib/domains/settings";
import { explainDomainStatus, type DomainStatusText } from "@/lib/domains/status-text";
import { verifyDomainNow } from "@/lib/domains/verify";
import { failureState } from "./form-errors";
import { echoValues, errorState, INVALID_MESSAGE, issuesToFields, successState, type AdminFormState } from "./form-state";

// The admin's Domain screen: the organization's custom domains as plain data for the page, and
// its three forms, each calling the very functions the API's /domains routes call (same
// validation, same limit, same DNS check, same removal).
export type DomainView = {
  id: string;
  hostname: string;
  status: DomainStatusText & { code: string };
  records: DnsRecord[];
};

export async function loadDomainViews(db: DbOrTx, organizationId: string): Promise<DomainView[]> {
  const rows = await listDomains(db, { organizationId }, { limit: 100 });
  return rows.map((row) => domainView(row));
}

export function domainView({ domain, certificate }: DomainWithCertificate): DomainView {
  const text = explainDomainStatus({
    status: domain.status,
    verificationError: domain.verificationError,
    lastCheckedAt: domain.lastCheckedAt,
    failureReason: domain.failureReason,
    nextAttemptAt: domain.nextAttemptAt,
    certificateNotAfter: certificate?.notAfter ?? null,
  });
  return { id: domain.id, hostname: domain.hostname, status: { ...text, code: domain.status }, records: dnsRecordsFor(domain, domainSettings()) };
}

/** POST /domains: hostname checked (syntax, IP, ROOT_DOMAIN, taken, limit), the error under the field. */
export async function addDomainForm(db: DbOrTx, organizationId: string, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const parsed = createDomainInput.safeParse({ hostname: String(form.get("hostname") ?? "") });
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
  try {
    const { domain } = await addDomain(db, { organizationId }, parsed.data);
    return successState(prev, `${domain.hostname} was added. Create the DNS records shown for it.`);
  } catch (error) {
    return failureState(prev, error, values);
  }
}

/** POST /domains/:id/verify. */
export async function verifyDomainForm(db: DbOrTx, organizationId: string, id: string, prev: AdminFormState): Promise<AdminFormState> {
  try {
    const domain = await verifyDomainNow(db, { organizationId, id }, now());
    if (domain.status === "pending") return errorState(prev, `Not verified yet: ${domain.verificationError ?? "the records were not found"}.`);
    return successState(prev, `${domain.hostname} is verified.`);
  } catch (error) {
    return failureState(prev, error);
  }
}

/** DELETE /domains/:id: the portal stops being served there and its certificate is deleted. */
export async function removeDomainForm(db: DbOrTx, organizationId: string, id: string, prev: AdminFormState): Promise<AdminFormState> {
  try {
    await deleteDomain(db, { organizationId, id });
    return successState(prev, "The domain was removed.");
  } catch (error) {
    return failureState(prev, error);
  }
}
