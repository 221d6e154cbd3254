import type { PortalRole } from "@/db/schema";
import { createPortalUser } from "@/lib/portal-auth/portal-users";
import { createPortalSession } from "@/lib/portal-auth/sessions";
import type { ProfileActor } from "@/lib/portal/profile";
import { api } from "../helpers/api";
import { validAccount } from "../helpers/factories";
import { portalFixture, REQ } from "../portal-auth/helpers";

// A tenant with a billing account, its owner (password "correct horse battery"), and helpers to
// add users to that account (or another one) and sign them in — for the Account, Profile and
// Settings sections' rules.
export const TIMEOUTS = { sessionIdleMinutes: 30, sessionAbsoluteHours: 12 };

export async function sectionWorld(options: { role?: PortalRole } = {}) {
  const f = await portalFixture({ role: options.role ?? "owner" });
  const addUser = async (email: string, role: PortalRole, billingAccountId = f.account.id, organizationId = f.orgId) =>
    createPortalUser(f.db, { organizationId, billingAccountId }, { email, name: email.split("@")[0]!, role, send_invite: false }, REQ);
  const signIn = async (user: { id: string; organizationId: string }) =>
    createPortalSession(f.db, { organizationId: user.organizationId, portalUserId: user.id, method: "password", settings: TIMEOUTS, request: REQ, secondFactorVerified: true });
  const actor = async (user: { id: string; organizationId: string; billingAccountId: string; role: PortalRole }): Promise<ProfileActor & { token: string }> => {
    const { token, session } = await signIn(user);
    return { tenant: { id: user.organizationId, mode: "live" }, user: { id: user.id, billingAccountId: user.billingAccountId, role: user.role }, locale: "en", session: { id: session.id }, token };
  };
  const otherAccount = (await api.post("/api/v1/billing_accounts", validAccount({ name: "Outra Conta", email: "outra@cliente.example" }), { key: f.t.liveKey })).body as { id: string };
  return { ...f, addUser, signIn, actor, otherAccount, owner: await actor(f.user) };
}

export type SectionWorld = Awaited<ReturnType<typeof sectionWorld>>;
