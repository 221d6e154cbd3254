import { describe, expect, it } from "vitest";
import { operations } from "@/lib/api/openapi";
import { API_KEY_SCOPES } from "@/lib/api-keys/scopes";

// The admin's scope picker lists what the API routes declare: a new resource's scope must appear
// there, and nothing there may name a scope no route checks.
describe("API key scopes", () => {
  it("are exactly the scopes the /api/v1 operations require, each with read and write", () => {
    const declared = new Set(operations.map((op) => op.scope).filter((s): s is string => s !== null));
    const resources = new Set([...declared].map((s) => s.split(":")[0]));
    const expected = [...resources].flatMap((r) => [`${r}:read`, `${r}:write`]).sort();
    expect([...API_KEY_SCOPES].sort()).toEqual(expected);
  });
});
