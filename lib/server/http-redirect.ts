import type http from "node:http";
import { normalizeHost } from "@/lib/tenancy/host";

// The plain-HTTP listener (port 80 in production): ACME HTTP-01 challenges go to the app (the
// route app/.well-known/acme-challenge/[token], answered from the database on any node);
// everything else is sent to HTTPS with a 301, same host, path and query. Only the exact shape
// a CA asks for goes to the app (one token segment, nothing after it): the prefix alone would
// let `/.well-known/acme-challenge/../admin` reach the whole app over plain HTTP. The host is taken
// from the Host header only when it is a syntactically valid name or IP literal; anything
// else (missing, a path or user info in it, odd characters) is a 400, never echoed into Location.
export const ACME_CHALLENGE_PREFIX = "/.well-known/acme-challenge/";
const ACME_CHALLENGE_PATH = /^\/\.well-known\/acme-challenge\/[A-Za-z0-9_-]+$/;

export function httpsRedirectHandler(input: { app: http.RequestListener; httpsPort: () => number }): http.RequestListener {
  return (req, res) => {
    const target = req.url ?? "";
    if (ACME_CHALLENGE_PATH.test(target)) return void input.app(req, res);
    const host = normalizeHost(req.headers.host);
    if (!host || !target.startsWith("/")) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" });
      res.end("Bad request: a valid Host header is required\n");
      return;
    }
    const port = input.httpsPort();
    const location = `https://${host}${port === 443 ? "" : `:${port}`}${target}`;
    res.writeHead(301, { location, "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : `Moved permanently to ${location}\n`);
  };
}
