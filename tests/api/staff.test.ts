import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { organizationMembers, users } from "@/db/schema";
import { verifyStaffPassword } from "@/lib/staff/credentials";
import { listStaffOrganizations } from "@/lib/staff/memberships";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

describe("merchant staff", () => {
  it("signs in with the right password only (email case-insensitive)", async () => {
    const db = getDb();
    await db.insert(users).values({ email: "Ana@Loja.example", passwordHash: await bcrypt.hash("correct horse battery", 12) });
    expect(await verifyStaffPassword(db, "ana@loja.example", "correct horse battery")).toMatchObject({ email: "Ana@Loja.example" });
    expect(await verifyStaffPassword(db, "ana@loja.example", "wrong")).toBeNull();
    expect(await verifyStaffPassword(db, "nobody@loja.example", "correct horse battery")).toBeNull();
  });

  it("sees only the organizations they are a member of, with their sandbox", async () => {
    const db = getDb();
    const mine = await createTenant();
    const theirs = await createTenant();
    await api.post("/api/v1/billing_accounts", validAccount(), { key: mine.liveKey });
    const [user] = await db.insert(users).values({ email: "member@example.com" }).returning();
    await db.insert(organizationMembers).values({ organizationId: mine.live.id, userId: user!.id, role: "admin" });
    const list = await listStaffOrganizations(db, user!.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ role: "admin", live: { id: mine.live.id, accounts: 1, keys: 1 }, sandbox: { id: mine.sandbox.id, accounts: 0 } });
    expect(JSON.stringify(list)).not.toContain(theirs.live.id);
  });
});
