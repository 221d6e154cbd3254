import fs from "node:fs";
import path from "node:path";
import type { RouteHandler } from "@/lib/api/handler";

// Drives the real route handlers (app/api/v1/**/route.ts) with real Request/Response objects,
// resolving the URL to a route file the way Next's file-system router does.
type Route = { file: string; regex: RegExp; names: string[]; rank: number };

const appDir = path.resolve(import.meta.dirname, "../../app");

function discover(): Route[] {
  const out: Route[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const segments = path.relative(appDir, dir).split(path.sep).filter((s) => !/^\(.*\)$/.test(s));
        const names: string[] = [];
        let rank = 0;
        const pattern = segments
          .map((s) => {
            const optionalCatchAll = /^\[\[\.\.\.(.+)\]\]$/.exec(s);
            if (optionalCatchAll) return names.push(optionalCatchAll[1]!), (rank += 100), "?(.*)";
            const catchAll = /^\[\.\.\.(.+)\]$/.exec(s);
            if (catchAll) return names.push(catchAll[1]!), (rank += 100), "(.+)";
            const dynamic = /^\[(.+)\]$/.exec(s);
            if (dynamic) return names.push(dynamic[1]!), (rank += 10), "([^/]+)";
            return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          })
          .join("/");
        out.push({ file: full, regex: new RegExp(`^/${pattern}$`), names, rank });
      }
    }
  };
  walk(path.join(appDir, "api"));
  return out.sort((a, b) => a.rank - b.rank);
}

export const routeFiles = discover();

export type ApiResponse<T = any> = { status: number; headers: Headers; body: T; text: string };

export async function call<T = any>(
  method: string,
  url: string,
  options: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const full = new URL(url, "http://localhost:3000");
  const route = routeFiles.find((r) => r.regex.test(full.pathname));
  if (!route) throw new Error(`no route file for ${full.pathname}`);
  const match = route.regex.exec(full.pathname)!;
  const params: Record<string, string | string[]> = {};
  route.names.forEach((name, i) => {
    const raw = decodeURIComponent(match[i + 1]!);
    params[name] = route.rank >= 100 && i === route.names.length - 1 ? raw.split("/").filter(Boolean) : raw;
  });
  const mod = (await import(route.file)) as Record<string, RouteHandler | undefined>;
  const handler = mod[method];
  if (!handler) return { status: 405, headers: new Headers(), body: null as T, text: "" };

  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const req = new Request(full, { method, headers, body });
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T, text };
}

export const api = {
  get: <T = any>(url: string, o?: Parameters<typeof call>[2]) => call<T>("GET", url, o),
  post: <T = any>(url: string, body: unknown, o?: Parameters<typeof call>[2]) => call<T>("POST", url, { ...o, body }),
  patch: <T = any>(url: string, body: unknown, o?: Parameters<typeof call>[2]) => call<T>("PATCH", url, { ...o, body }),
  put: <T = any>(url: string, body: unknown, o?: Parameters<typeof call>[2]) => call<T>("PUT", url, { ...o, body }),
  delete: <T = any>(url: string, o?: Parameters<typeof call>[2]) => call<T>("DELETE", url, o),
};
