import { describe, expect, it } from "vitest";
import type { RouteHandler } from "@/lib/api/handler";
import { api, routeFiles } from "../helpers/api";

describe("GET /api/v1/openapi.json", () => {
  it("serves an OpenAPI 3.1 document without authentication", async () => {
    const res = await api.get("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(res.body.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(res.body.components.schemas.Error).toBeTruthy();
  });

  it("documents every method of every API route file, from the schemas the handlers validate with", async () => {
    const doc = (await api.get("/api/v1/openapi.json")).body;
    let documented = 0;
    for (const route of routeFiles.filter((r) => r.file.includes("/api/v1/"))) {
      const mod = (await import(route.file)) as Record<string, RouteHandler>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        const handler = mod[method];
        if (!handler || route.file.includes("...path]") || "unsupported" in handler) continue;
        expect(handler.operation, `${method} ${route.file} is not declared through withApi`).toBeTruthy();
        const op = doc.paths[handler.operation.path]?.[method.toLowerCase()];
        expect(op, `${method} ${handler.operation.path} missing from the document`).toBeTruthy();
        expect(op.operationId).toBe(handler.operation.operationId);
        documented++;
      }
    }
    expect(documented).toBeGreaterThanOrEqual(8);
  });

  it("describes billing accounts: request body, required fields, the object, list params, errors", async () => {
    const doc = (await api.get("/api/v1/openapi.json")).body;
    const create = doc.paths["/billing_accounts"].post;
    const body = create.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["name", "email"]));
    expect(JSON.stringify(body.properties.document)).toContain("CNPJ");
    expect(body.additionalProperties).toBe(false);
    expect(create.responses["201"].content["application/json"].schema.$ref).toBe("#/components/schemas/BillingAccount");
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["400", "401", "403", "409", "422", "429", "500"]));
    expect(create.parameters.map((p: { name: string }) => p.name)).toContain("Idempotency-Key");
    const account = doc.components.schemas.BillingAccount;
    expect(account.properties.created_at).toMatchObject({ type: "string", format: "date-time" });
    const list = doc.paths["/billing_accounts"].get;
    const names = list.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(["limit", "cursor", "email", "external_id", "status"]));
    expect(list.parameters.find((p: { name: string }) => p.name === "limit").schema).toMatchObject({ minimum: 1, maximum: 100, default: 20 });
    const retrieve = doc.paths["/billing_accounts/{id}"].get;
    expect(retrieve.parameters[0]).toMatchObject({ name: "id", in: "path", required: true });
    expect(retrieve.responses["304"]).toBeTruthy();
    expect(doc.paths["/health"].get.security).toEqual([]);
  });
});
