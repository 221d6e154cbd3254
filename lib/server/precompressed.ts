import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

// The build's static assets (`<distDir>/static`, served at /_next/static/) compressed once at
// build time (scripts/precompress.ts: Brotli quality 11 and gzip level 9 beside each file) and
// sent as they are to a client that accepts them. `next start` gzips these files on every
// request at a lower level; Brotli takes about 14% off the first-load JavaScript of a portal page
// (docs/performance.md). Anything this does not serve (a file without a compressed twin, a client
// that accepts neither encoding, any other path) goes on to Next.js unchanged.

export const STATIC_PREFIX = "/_next/static/";
/** What scripts/precompress.ts compresses: text assets worth it (Next's build has no others). */
export const COMPRESSIBLE = /\.(js|css|map|json|txt|svg)$/;

const CONTENT_TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
};
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

type Variant = { file: string; size: number; etag: string };

/** `serve` answers the request and returns true, or returns false and leaves it to Next.js. */
export function precompressedAssets(staticDir: string): { serve(req: IncomingMessage, res: ServerResponse): boolean } {
  const root = path.resolve(staticDir);
  // Build output never changes while the server runs: each lookup is remembered (misses too).
  const variants = new Map<string, Variant | null>();
  const variant = (file: string): Variant | null => {
    let found = variants.get(file);
    if (found === undefined) {
      try {
        const stat = fs.statSync(file);
        found = stat.isFile() ? { file, size: stat.size, etag: `"${stat.size.toString(36)}-${stat.mtimeMs.toString(36)}"` } : null;
      } catch {
        found = null;
      }
      if (variants.size > 10_000) variants.clear();
      variants.set(file, found);
    }
    return found;
  };

  return {
    serve(req, res) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      const relative = assetPath(req.url);
      if (!relative || !COMPRESSIBLE.test(relative)) return false;
      const file = path.join(root, relative);
      if (!file.startsWith(root + path.sep)) return false;
      if (!variant(file)) return false;
      // The best encoding the client accepts that has a twin (Brotli, else gzip).
      const encoding = ENCODINGS.find((e) => accepts(req.headers["accept-encoding"], e.name) && variant(file + e.suffix));
      const chosen = encoding && variant(file + encoding.suffix);
      if (!encoding || !chosen) return false;

      const caching = { "cache-control": "public, max-age=31536000, immutable", vary: "Accept-Encoding", etag: chosen.etag };
      if (req.headers["if-none-match"] === chosen.etag) {
        res.writeHead(304, caching);
        res.end();
        return true;
      }
      res.writeHead(200, {
        ...caching,
        "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
        "content-encoding": encoding.name,
        "content-length": chosen.size,
      });
      if (req.method === "HEAD") {
        res.end();
        return true;
      }
      fs.createReadStream(chosen.file)
        .on("error", () => res.destroy())
        .pipe(res);
      return true;
    },
  };
}

/** The file under the static folder that a URL names, or null: decoded, no `..`, no query. */
function assetPath(url: string | undefined): string | null {
  if (!url?.startsWith(STATIC_PREFIX)) return null;
  let pathname = url.slice(STATIC_PREFIX.length);
  const query = pathname.search(/[?#]/);
  if (query >= 0) pathname = pathname.slice(0, query);
  try {
    pathname = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (!pathname || pathname.includes("\0") || pathname.includes("\\") || pathname.split("/").some((s) => s === ".." || s === "." || s === "")) return null;
  return pathname;
}

/** Whether an Accept-Encoding header accepts `coding` (q=0 refuses it; `*` counts). */
export function accepts(header: string | string[] | undefined, coding: string): boolean {
  if (!header) return false;
  let wildcard: boolean | null = null;
  for (const part of (Array.isArray(header) ? header.join(",") : header).split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const ok = !q || Number(q.slice(2)) > 0;
    if (name === coding) return ok;
    if (name === "*") wildcard = ok;
  }
  return wildcard ?? false;
}
