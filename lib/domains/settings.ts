import { env } from "@/lib/env";

// The deployment's custom-domain settings (lib/env.ts documents each variable).
export type DomainSettings = {
  /** DNS servers for verification (host:port); empty = the system's resolvers. */
  dnsServers: string[];
  /** CNAME target merchants point their hosts at. */
  ingressHostname: string;
  /** A records for zone apexes (where a CNAME is not allowed). */
  ingressIpv4: string[];
  perOrganizationLimit: number;
};

export function domainSettings(): DomainSettings {
  const e = env();
  return {
    dnsServers: e.DOMAINS_DNS_RESOLVER?.split(",") ?? [],
    ingressHostname: e.DOMAINS_INGRESS_HOSTNAME ?? e.ROOT_DOMAIN,
    ingressIpv4: e.DOMAINS_INGRESS_IPV4?.split(",") ?? [],
    perOrganizationLimit: e.DOMAINS_PER_ORGANIZATION,
  };
}

/** The TXT record name that proves control of `hostname`. */
export const challengeRecordName = (hostname: string) => `_ciclo-challenge.${hostname}`;
