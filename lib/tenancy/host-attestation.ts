import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { derivedKey } from "@/lib/crypto/secret-box";

// The host a request was dispatched by, signed, so that Next's own follow-up request keeps it.
//
// A server action that calls redirect("/x") gets the page at /x rendered into its response:
// Next fetches /x from itself, at its private origin (http://localhost:PORT), copying the
// action request's headers (next/dist/server/app-render/action-handler.js,
// createRedirectRenderResult + getForwardedHeaders). `Host` is a forbidden fetch header, so
// that request arrives saying `Host: localhost:PORT` and, dispatched by that, is the root
// host's page (the landing page) or nothing, never the portal the action ran on.
//
// So the proxy stamps every request it lets through with the host it dispatched it by, as a
// request header signed with a key only the server holds. Next copies that header onto its
// self-fetch, and the proxy believes a valid stamp over the Host header. A client cannot forge
// one (the proxy overwrites whatever came in); replaying a leaked one only claims a host, which
// any client can already do with the Host header itself.
export const HOST_ATTESTATION_HEADER = "x-ciclo-host";

let cached: { secret: string | undefined; key: Buffer } | undefined;

/** From APP_SECRET (one derived key per purpose, like lib/crypto/secret-box); without one, per process. */
function defaultKey(): Buffer {
  const secret = process.env.APP_SECRET || undefined;
  if (!cached || cached.secret !== secret) {
    const key = secret ? derivedKey("host-attestation") : randomBytes(32);
    cached = { secret, key };
  }
  return cached.key;
}

const sign = (host: string, key: Buffer): Buffer => createHmac("sha256", key).update(host).digest();

/** The header value for `host`: the host, a space, its signature. */
export function attestHost(host: string, key: Buffer = defaultKey()): string {
  return `${host} ${sign(host, key).toString("base64url")}`;
}

/** The host a stamp names when its signature is good; null for none, a malformed or a forged one. */
export function attestedHost(value: string | null | undefined, key: Buffer = defaultKey()): string | null {
  if (!value || value.length > 1100) return null;
  const space = value.lastIndexOf(" ");
  if (space <= 0) return null;
  const host = value.slice(0, space);
  const given = Buffer.from(value.slice(space + 1), "base64url");
  const expected = sign(host, key);
  return given.length === expected.length && timingSafeEqual(given, expected) ? host : null;
}
