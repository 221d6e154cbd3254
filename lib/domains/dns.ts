import { Resolver } from "node:dns/promises";
import { challengeRecordName, type DomainSettings } from "./settings";

// The DNS side of verification: the TXT record proves control, the A/CNAME record shows the
// host reaches our ingress (without it, the CA's HTTP-01 validation could only fail).
export type DnsCheck = { verified: true } | { verified: false; reason: string };

const NOT_FOUND = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN"]);

function resolver(settings: DomainSettings): Resolver {
  const r = new Resolver({ timeout: 3_000, tries: 2 });
  if (settings.dnsServers.length > 0) r.setServers(settings.dnsServers);
  return r;
}

/** A lookup's answers, [] when the name has none; other DNS failures are thrown with their code. */
async function lookup<T>(query: () => Promise<T[]>): Promise<T[]> {
  try {
    return await query();
  } catch (error) {
    if (NOT_FOUND.has((error as { code?: string }).code ?? "")) return [];
    throw error;
  }
}

/** Addresses our ingress answers on: the configured ones and what the CNAME target resolves to. */
async function ingressAddresses(r: Resolver, settings: DomainSettings): Promise<Set<string>> {
  const resolved = await lookup(() => r.resolve4(settings.ingressHostname)).catch(() => [] as string[]);
  return new Set([...settings.ingressIpv4, ...resolved]);
}

export async function checkDomainDns(hostname: string, token: string, settings: DomainSettings): Promise<DnsCheck> {
  const r = resolver(settings);
  const txtName = challengeRecordName(hostname);
  try {
    const txt = (await lookup(() => r.resolveTxt(txtName))).map((chunks) => chunks.join(""));
    if (txt.length === 0) return { verified: false, reason: `No TXT record found at ${txtName}` };
    if (!txt.includes(token)) return { verified: false, reason: `The TXT record at ${txtName} does not contain this domain's token` };

    const allowed = await ingressAddresses(r, settings);
    // Nothing to compare with (ROOT_DOMAIN not in public DNS, no DOMAINS_INGRESS_IPV4): ownership is enough.
    if (allowed.size === 0) return { verified: true };
    const addresses = await lookup(() => r.resolve4(hostname));
    const target = [settings.ingressHostname && `CNAME ${settings.ingressHostname}`, ...settings.ingressIpv4.map((ip) => `A ${ip}`)].filter(Boolean).join(" or ");
    if (addresses.length === 0) return { verified: false, reason: `${hostname} has no A or CNAME record: point it at ${target}` };
    const stray = addresses.filter((a) => !allowed.has(a));
    if (stray.length > 0) return { verified: false, reason: `${hostname} resolves to ${stray.join(", ")}, not to this platform: point it at ${target}` };
    return { verified: true };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unknown error";
    return { verified: false, reason: `DNS lookup failed (${code}); it will be retried` };
  }
}
