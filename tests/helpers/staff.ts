import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { vi } from "vitest";
import { getDb } from "@/db";
import { organizationMembers, users, type MemberRole } from "@/db/schema";
import type { AdminFormState } from "@/lib/admin/form-state";

export const STAFF_PASSWORD = "staff-password-2026";
let hash: string | undefined;

/** A staff user, optionally a member of `organizationId` (a live organization) with `role`. */
export async function createStaffUser(organizationId: string | null, role?: MemberRole) {
  hash ??= await bcrypt.hash(STAFF_PASSWORD, 4);
  const email = `${role ?? "user"}-${randomBytes(4).toString("hex")}@staff.example`;
  const [user] = await getDb().insert(users).values({ email, name: `Test ${role ?? "user"}`, passwordHash: hash, emailVerified: new Date() }).returning({ id: users.id, email: users.email });
  if (organizationId && role) await getDb().insert(organizationMembers).values({ organizationId, userId: user!.id, role });
  return user!;
}

/** A form as the browser sends it. */
export function formOf(fields: Record<string, string | string[] | File>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const v of value) form.append(name, v);
    else form.append(name, value);
  }
  return form;
}

/** Who the mocked Auth.js session says is signed in (null: signed out); see staffAuthMock. */
export const staffSession = { userId: null as string | null };

/**
 * Server actions called directly, with the session the only thing mocked:
 * `vi.mock("@/auth", async () => (await import("../helpers/staff")).staffAuthMock());`
 */
export function staffAuthMock() {
  return {
    auth: async () => (staffSession.userId ? { user: { id: staffSession.userId, email: "x@staff.example" } } : null),
    signIn: vi.fn(),
    signOut: vi.fn(),
  };
}

/** A server action's answer to a role without the permission. */
export const refusedByRole = (state: AdminFormState) => state.status === "error" && state.message === "Your role does not allow this.";
