import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accepts, precompressedAssets } from "@/lib/server/precompressed";

// The production server's static layer against a real HTTP server: what a browser gets for
// each Accept-Encoding, and that anything it should not answer reaches Next.js (here a stub
// standing in for it that says so).
const source = "console.log('hello from a chunk');".repeat(50);
let base: string;
let server: http.Server;
let root: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "ciclo-static-"));
  const chunks = path.join(root, "static", "chunks");
  fs.mkdirSync(chunks, { recursive: true });
  fs.writeFileSync(path.join(chunks, "app.js"), source);
  fs.writeFileSync(path.join(chunks, "app.js.br"), zlib.brotliCompressSync(source));
  fs.writeFileSync(path.join(chunks, "app.js.gz"), zlib.gzipSync(source));
  fs.writeFileSync(path.join(chunks, "plain.js"), source); // no compressed twins
  fs.writeFileSync(path.join(chunks, "gz-only.js"), source); // Brotli did not pay off: gzip only
  fs.writeFileSync(path.join(chunks, "gz-only.js.gz"), zlib.gzipSync(source));
  fs.writeFileSync(path.join(root, "secret.js"), "outside the static folder");
  fs.writeFileSync(path.join(root, "secret.js.br"), zlib.brotliCompressSync("outside the static folder"));
  const assets = precompressedAssets(path.join(root, "static"));
  server = http.createServer((req, res) => {
    if (assets.serve(req, res)) return;
    res.writeHead(200, { "x-served-by": "next" }).end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(root, { recursive: true, force: true });
});

/** A raw request (fetch would decode and hide the encoding). */
function get(pathname: string, headers: Record<string, string> = {}, method = "GET"): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${pathname}`, { method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("precompressed static assets", () => {
  it("sends Brotli to a browser that accepts it, as an immutable, cacheable JavaScript file", async () => {
    const res = await get("/_next/static/chunks/app.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ "content-encoding": "br", "content-type": "application/javascript; charset=utf-8", vary: "Accept-Encoding", "cache-control": "public, max-age=31536000, immutable" });
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(source.length / 10);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(source);
  });

  it("sends gzip when Brotli is not accepted (or refused with q=0)", async () => {
    for (const accept of ["gzip", "br;q=0, gzip;q=0.8"]) {
      const res = await get("/_next/static/chunks/app.js", { "accept-encoding": accept });
      expect(res.headers["content-encoding"]).toBe("gzip");
      expect(zlib.gunzipSync(res.body).toString()).toBe(source);
    }
  });

  it("falls back to the gzip twin when a file has no Brotli one", async () => {
    const res = await get("/_next/static/chunks/gz-only.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(res.body).toString()).toBe(source);
  });

  it("answers a revalidation with 304 and a HEAD with headers only", async () => {
    const first = await get("/_next/static/chunks/app.js", { "accept-encoding": "br" });
    const again = await get("/_next/static/chunks/app.js", { "accept-encoding": "br", "if-none-match": first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await get("/_next/static/chunks/app.js", { "accept-encoding": "br" }, "HEAD");
    expect(head.headers["content-length"]).toBe(first.headers["content-length"]);
    expect(head.body.length).toBe(0);
  });

  it("leaves to Next.js what it should not answer", async () => {
    const cases: Array<[string, Record<string, string>, string?]> = [
      ["/_next/static/chunks/app.js", {}], // no Accept-Encoding: Next sends the file as is
      ["/_next/static/chunks/app.js", { "accept-encoding": "identity" }],
      ["/_next/static/chunks/plain.js", { "accept-encoding": "br" }], // no compressed twin
      ["/_next/static/chunks/missing.js", { "accept-encoding": "br" }],
      ["/_next/static/../secret.js", { "accept-encoding": "br" }],
      ["/_next/static/%2e%2e/secret.js", { "accept-encoding": "br" }],
      ["/_next/static/chunks/app.js", { "accept-encoding": "br" }, "POST"],
      ["/api/v1/health/live", { "accept-encoding": "br" }],
    ];
    for (const [pathname, headers, method] of cases) {
      const res = await get(pathname, headers, method);
      expect(res.headers["x-served-by"], `${method ?? "GET"} ${pathname} ${JSON.stringify(headers)}`).toBe("next");
    }
  });

  it("reads Accept-Encoding as RFC 9110 says: q=0 refuses, * stands for the rest", () => {
    expect(accepts("gzip, br", "br")).toBe(true);
    expect(accepts("BR;Q=0.5", "br")).toBe(true);
    expect(accepts("br;q=0", "br")).toBe(false);
    expect(accepts("*", "br")).toBe(true);
    expect(accepts("*;q=0, gzip", "br")).toBe(false);
    expect(accepts("gzip, *;q=0", "br")).toBe(false);
    expect(accepts(undefined, "gzip")).toBe(false);
  });
});
