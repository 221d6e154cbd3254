import { createHash } from "node:crypto";

// ETag / Last-Modified validators for GET responses (RFC 9110 §13).
export function etagFor(payload: string | Uint8Array): string {
  return `W/"${createHash("sha1").update(payload).digest("base64url")}"`;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, "");

/** True when the client's validators say its copy is current (-> 304). If-None-Match wins. */
export function isNotModified(headers: Headers, etag: string, lastModified?: Date): boolean {
  const ifNoneMatch = headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    if (ifNoneMatch.trim() === "*") return true;
    return ifNoneMatch.split(",").some((t) => opaque(t) === opaque(etag));
  }
  const ifModifiedSince = headers.get("if-modified-since");
  if (ifModifiedSince !== null && lastModified) {
    const since = Date.parse(ifModifiedSince);
    if (Number.isNaN(since)) return false;
    return Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}
