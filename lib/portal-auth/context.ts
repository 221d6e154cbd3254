import { clientAddress } from "@/lib/client-ip";
import { trustProxy } from "@/lib/tenancy/config";

// Who is asking: carried into the access log and the session row. `ipTrusted`: the address came
// from our own proxy (TRUST_PROXY=1) rather than from a header the client may have written; only
// then do attempt limits count by it (lib/client-ip.ts says why).
export type RequestInfo = { ip: string | null; userAgent: string | null; ipTrusted?: boolean };

export const NO_REQUEST_INFO: RequestInfo = { ip: null, userAgent: null };

type HeaderReader = { get(name: string): string | null };

/** IP (lib/client-ip.ts) and User-Agent, truncated for storage. */
export function requestInfoFrom(headers: HeaderReader): RequestInfo {
  const { ip, trusted } = clientAddress(headers, { trustProxy: trustProxy() });
  const ua = headers.get("user-agent");
  return { ip, userAgent: ua ? ua.slice(0, 512) : null, ipTrusted: trusted };
}
