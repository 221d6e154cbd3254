import { describe, expect, it } from "vitest";
import { call, routeFiles } from "../helpers/api";

// Every /api/v1 route answers every HTTP method: its own, or 405 in the envelope with Allow.
describe("methods a route does not implement", () => {
  it("405 with the envelope, a Request-Id and an Allow header listing what it does implement", async () => {
    let checked = 0;
    for (const route of routeFiles.filter((r) => r.file.includes("/api/v1/") && !r.file.includes("...path]"))) {
      const mod = (await import(route.file)) as Record<string, { operation?: unknown; unsupported?: true } | undefined>;
      const implemented = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => mod[m]?.operation);
      const url = route.file.split("/app")[1]!.replace("/route.ts", "").replace(/\[id\]/, "7d3c1d7e-1111-4b1e-9e7e-3f3b7b0c0a11");
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !implemented.includes(m))) {
        expect(mod[method]?.unsupported, `${method} ${url} falls through to Next's bare 405`).toBe(true);
        const res = await call(method, url);
        expect(res.status).toBe(405);
        expect(res.body.error).toMatchObject({ code: "method_not_allowed", type: "invalid_request_error", request_id: res.headers.get("request-id") });
        expect(res.headers.get("allow")).toBe(implemented.join(", "));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });
});
