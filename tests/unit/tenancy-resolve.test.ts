import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { organizations } from "@/db/schema";
import { createOrganizationWithSandbox } from "@/lib/organizations/create";
import { resolveTenantByHost } from "@/lib/tenancy/resolve";

const newPair = () => {
  const slug = `t${randomBytes(5).toString("hex")}`;
  return createOrganizationWithSandbox(getDb(), { name: `Shop ${slug}`, slug });
};
const suspend = (id: string) => getDb().update(organizations).set({ status: "suspended" }).where(eq(organizations.id, id));

describe("resolveTenantByHost", () => {
  it("resolves <slug>.<root> to the live organization and <slug>-test to its sandbox", async () => {
    const { live, sandbox } = await newPair();
    const tenant = await resolveTenantByHost(`${live.slug}.localhost`, { rootDomain: "localhost" });
    expect(tenant).toMatchObject({ id: live.id, name: live.name, mode: "live", liveOrganizationId: null, locale: "pt-BR" });
    const test = await resolveTenantByHost(`${sandbox.slug}.localhost`, { rootDomain: "localhost" });
    expect(test).toMatchObject({ id: sandbox.id, mode: "test", liveOrganizationId: live.id });
  });

  it("follows ROOT_DOMAIN", async () => {
    const { live } = await newPair();
    expect(await resolveTenantByHost(`${live.slug}.ciclo.example.com`, { rootDomain: "ciclo.example.com" })).toMatchObject({ id: live.id });
    expect(await resolveTenantByHost(`${live.slug}.localhost`, { rootDomain: "ciclo.example.com" })).toBeNull();
  });

  it("returns null for unknown slugs, non-tenant hosts and custom domains", async () => {
    for (const host of ["nope-unknown.localhost", "localhost", "api.localhost", "admin.localhost", "billing.acme.com", "bad..host"]) {
      expect(await resolveTenantByHost(host, { rootDomain: "localhost" })).toBeNull();
    }
  });

  it("returns null for a suspended organization, and for the sandbox of a suspended one", async () => {
    const { live, sandbox } = await newPair();
    await suspend(live.id);
    expect(await resolveTenantByHost(`${live.slug}.localhost`, { rootDomain: "localhost" })).toBeNull();
    expect(await resolveTenantByHost(`${sandbox.slug}.localhost`, { rootDomain: "localhost" })).toBeNull();

    const other = await newPair();
    await suspend(other.sandbox.id);
    expect(await resolveTenantByHost(`${other.sandbox.slug}.localhost`, { rootDomain: "localhost" })).toBeNull();
    expect(await resolveTenantByHost(`${other.live.slug}.localhost`, { rootDomain: "localhost" })).toMatchObject({ id: other.live.id });
  });
});
