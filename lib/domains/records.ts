import { challengeRecordName, type DomainSettings } from "./settings";

// The DNS records a merchant creates for a custom domain: a TXT record proving control, and a
// record sending the host to the platform (CNAME, or A for a zone apex where CNAME is not allowed).
export type DnsRecord = { type: "TXT" | "CNAME" | "A"; name: string; value: string; purpose: "verification" | "routing" };

export function dnsRecordsFor(domain: { hostname: string; verificationToken: string }, settings: DomainSettings): DnsRecord[] {
  return [
    { type: "TXT", name: challengeRecordName(domain.hostname), value: domain.verificationToken, purpose: "verification" },
    { type: "CNAME", name: domain.hostname, value: settings.ingressHostname, purpose: "routing" },
    ...settings.ingressIpv4.map((ip): DnsRecord => ({ type: "A", name: domain.hostname, value: ip, purpose: "routing" })),
  ];
}
