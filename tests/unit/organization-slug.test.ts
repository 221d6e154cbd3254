import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createOrganizationWithSandbox, slugProblem } from "@/lib/organizations/create";

describe("organization slugs (they become portal hosts)", () => {
  it.each(["acme", "loja-123", "a", "x".repeat(58)])("accepts %s", (slug) => expect(slugProblem(slug)).toBeNull());
  it.each(["Acme", "-acme", "acme-", "a_b", "", "x".repeat(59), "www", "api", "admin", "acme-test"])("refuses %s", (slug) =>
    expect(slugProblem(slug)).not.toBeNull(),
  );
  it("creation refuses a reserved slug and writes nothing", async () => {
    await expect(createOrganizationWithSandbox(getDb(), { name: "API", slug: "api" })).rejects.toThrow(/reserved/);
  });
  it("creates the live organization and its linked sandbox, idempotently", async () => {
    const first = await createOrganizationWithSandbox(getDb(), { name: "Loja", slug: "loja" });
    expect(first.sandbox).toMatchObject({ slug: "loja-test", mode: "test", liveOrganizationId: first.live.id });
    const again = await createOrganizationWithSandbox(getDb(), { name: "Loja", slug: "loja" });
    expect(again.live.id).toBe(first.live.id);
    expect(again.sandbox.id).toBe(first.sandbox.id);
  });
});
