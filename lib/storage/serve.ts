import type { StoredObject } from "./store";

// An object as an HTTP response: its stored content type, length, an ETag (SHA-256) honoured by
// If-None-Match, and headers that keep a hostile file inert: nosniff, a CSP that allows no
// script (a document opened from here, such as an SVG, runs nothing and is sandboxed), and SVG
// as a download when opened directly (as an <img> it still displays). 404 when there is none.
export type ServeOptions = {
  /** Content-addressed keys may be cached for good; others should revalidate. */
  cacheControl: string;
};

export const ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const NOT_FOUND_HEADERS = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" };

export function objectResponse(object: StoredObject | null, requestHeaders: Headers, options: ServeOptions): Response {
  if (!object) return new Response("Not found\n", { status: 404, headers: NOT_FOUND_HEADERS });
  const etag = `"${object.sha256}"`;
  const fileName = object.key.split("/").pop()!;
  const headers: Record<string, string> = {
    "content-type": object.contentType,
    "cache-control": options.cacheControl,
    etag,
    "last-modified": object.createdAt.toUTCString(),
    "x-content-type-options": "nosniff",
    "content-security-policy": ASSET_CSP,
    "content-disposition": `${object.contentType === "image/svg+xml" ? "attachment" : "inline"}; filename="${fileName}"`,
  };
  const match = requestHeaders.get("if-none-match");
  if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(new Uint8Array(object.data), { status: 200, headers: { ...headers, "content-length": String(object.size) } });
}
