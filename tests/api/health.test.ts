import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";

describe("health", () => {
  it("GET /api/v1/health checks the database, needs no key", async () => {
    const res = await api.get("/api/v1/health");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ok", database: "ok" });
    expect(res.headers.get("request-id")).toBeTruthy();
  });

  it("GET /api/v1/health/live answers without touching the database", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/none";
    try {
      const res = await api.get("/api/v1/health/live");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: "ok" });
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });

  it("reports 503 when the database is unreachable", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/none";
    try {
      const res = await api.get("/api/v1/health");
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: "unavailable", database: "unreachable" });
    } finally {
      const { closeDb } = await import("@/db");
      await closeDb();
      process.env.DATABASE_URL = saved;
    }
  });
});
