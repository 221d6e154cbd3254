import { isIP } from "node:net";

// The client's IP address, read from a request in this one place (the portal's access log and
// attempt limits, the API's request log).
//
// Next's server writes the socket's address into X-Forwarded-For only when the request carries
// none (next/dist/server/base-server.js: `x-forwarded-for ??= socket.remoteAddress`), and gives
// application code no other way to the socket. So, reaching Next directly, that header cannot be
// told apart from one the client wrote itself:
// - TRUST_PROXY=1 (a reverse proxy of your own in front, which sets X-Forwarded-For): the LAST
//   address of the header is the one your proxy saw connect; it is `trusted`. Entries to its left
//   are whatever the client claimed and are ignored.
// - behind server.ts (`npm start`, no TRUST_PROXY) the server itself overwrites X-Forwarded-For
//   with the socket's address before Next sees the request, and says so with
//   CICLO_PEER_FROM_SOCKET=1 in its own process environment (Next runs in that process): that
//   address is `trusted`.
// - otherwise (Next reached directly: `next dev`, a bare `next start`) the first address (else
//   X-Real-IP) is kept for display in logs only, never `trusted`: attempt limits then count such
//   clients together (lib/portal-auth/attempt-limit.ts).
export type ClientAddress = { ip: string | null; trusted: boolean };

type HeaderReader = { get(name: string): string | null };

const MAX_LENGTH = 64;

/** An address as it may appear in the header: "203.0.113.9", "[2001:db8::1]", "203.0.113.9:5123". */
function bareAddress(value: string | undefined): string | null {
  let v = value?.trim();
  if (!v) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  return isIP(v) ? v.toLowerCase() : null;
}

/** Set by server.ts when it writes the socket's address into X-Forwarded-For itself (see above). */
export const PEER_FROM_SOCKET_ENV = "CICLO_PEER_FROM_SOCKET";
const peerFromSocket = () => process.env[PEER_FROM_SOCKET_ENV] === "1";

export function clientAddress(headers: HeaderReader, options: { trustProxy: boolean }): ClientAddress {
  const forwarded = headers.get("x-forwarded-for")?.split(",") ?? [];
  if (options.trustProxy) {
    const ip = bareAddress(forwarded.at(-1));
    if (ip) return { ip, trusted: true };
  }
  if (peerFromSocket()) {
    const ip = bareAddress(forwarded[0]);
    if (ip) return { ip, trusted: true };
  }
  const shown = forwarded[0]?.trim() || headers.get("x-real-ip")?.trim() || null;
  return { ip: shown ? shown.slice(0, MAX_LENGTH) : null, trusted: false };
}

/**
 * What a per-address limit counts by: an IPv4 address as is; an IPv6 address by its /64 network,
 * which one subscriber usually holds whole (counting single IPv6 addresses would let a client
 * rotate through 2^64 of them); IPv4-mapped IPv6 as the IPv4 address. Null for anything else.
 */
export function addressBucket(ip: string | null): string | null {
  if (!ip) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const version = isIP(ip);
  if (version === 4) return ip;
  if (version !== 6) return null;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") && tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.padStart(4, "0")).join(":")}::/64`;
}
