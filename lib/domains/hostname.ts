import { isIP } from "node:net";
import { normalizeHost } from "@/lib/tenancy/host";

// What a merchant may add as a custom domain: a fully qualified DNS name (Unicode names become
// punycode), not an IP address, not the platform's own names.
export type HostnameCheck = { ok: true; hostname: string } | { ok: false; message: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const PORT = /:[0-9]*$/;

export function checkCustomHostname(raw: string, rootDomain: string): HostnameCheck {
  const input = raw.trim();
  if (SCHEME.test(input)) return { ok: false, message: "must be a host name such as portal.example.com, without a scheme" };
  if (input.startsWith("[") || isIP(input.replace(/\.$/, "")) !== 0) return { ok: false, message: "must be a host name, not an IP address" };
  if (PORT.test(input)) return { ok: false, message: "must be a host name without a port" };
  const hostname = normalizeHost(input);
  if (!hostname) return { ok: false, message: "is not a valid host name (letters, digits and hyphens in dot-separated labels)" };
  if (hostname.split(".").length < 2) return { ok: false, message: "must be a fully qualified name such as portal.example.com" };
  const root = rootDomain.toLowerCase();
  if (hostname === root || hostname.endsWith(`.${root}`)) {
    return { ok: false, message: `must not be ${root} or one of its subdomains: the platform serves those itself` };
  }
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return { ok: false, message: "must be a public host name" };
  return { ok: true, hostname };
}
