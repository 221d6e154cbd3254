import type { DbOrTx } from "@/db";
import type { PortalUser } from "@/db/schema";
import { notFound } from "@/lib/api/errors";
import type { RequestInfo } from "@/lib/portal-auth/context";
import { forcePasswordReset } from "@/lib/portal-auth/password-reset";
import {
  createPortalUser, createPortalUserInput, getPortalUserOrThrow, removePortalUser, sendInvite, unblockPortalUser, updatePortalUser, updatePortalUserInput,
} from "@/lib/portal-auth/portal-users";
import { refused } from "./form-errors";
import { checked, echoValues, errorState, idOf, INVALID_MESSAGE, issuesToFields, optionalText, successState, type AdminFormState, type OrgScope } from "./form-state";

// A customer's portal users, managed by staff with `portal_users:manage`: the same functions as
// /api/v1/billing_accounts/:id/portal_users and /api/v1/portal_users/:id/…, the same schemas.
// Each handler is made with the request's IP and User-Agent, which go to the portal access log.
// The invite email names no inviter (as from the API): staff names are the merchant's internals.
type Handler = (db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState) => Promise<AdminFormState>;

const WHAT = "portal user";

/** The portal user the form names, of this organization AND of the account the page is about (else: not found). */
async function userOfAccount(db: DbOrTx, org: OrgScope, form: FormData, options: { forUpdate?: boolean } = {}): Promise<PortalUser> {
  const id = idOf(form);
  const user = await getPortalUserOrThrow(db, { organizationId: org.organizationId, id }, options);
  if (user.billingAccountId !== idOf(form, "billing_account_id") || user.status === "removed") throw notFound("portal user", id);
  return user;
}

/** "Invite a portal user": created `invited` with an invite email (7-day link) through the outbox, or `active` without one. */
export const invitePortalUserForm = (request: RequestInfo): Handler => async (db, org, form, prev) => {
  const values = echoValues(form);
  const parsed = createPortalUserInput.safeParse({
    email: String(form.get("email") ?? ""),
    name: optionalText(form, "name"),
    role: form.get("role") || undefined,
    locale: optionalText(form, "locale"),
    send_invite: checked(form, "send_invite"),
  });
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
  try {
    const user = await createPortalUser(db, { organizationId: org.organizationId, billingAccountId: idOf(form, "billing_account_id") }, parsed.data, request, { method: "admin" });
    return successState(prev, parsed.data.send_invite ? `Invite sent to ${user.email}.` : `${user.email} can now sign in to the portal.`);
  } catch (error) {
    return refused(prev, error, "customer", values);
  }
};

/** Another invite email to a user still `invited` (the earlier links keep working until they expire). */
export const resendInviteForm = (request: RequestInfo): Handler => async (db, org, form, prev) => {
  try {
    const email = await db.transaction(async (tx) => {
      const user = await userOfAccount(tx, org, form, { forUpdate: true });
      if (user.status !== "invited") throw new InviteRefusal();
      await sendInvite(tx, user, request, { method: "admin" });
      return user.email;
    });
    return successState(prev, `Invite sent again to ${email}.`);
  } catch (error) {
    if (error instanceof InviteRefusal) return errorState(prev, "This user has already accepted the invite.");
    return refused(prev, error, WHAT);
  }
};
class InviteRefusal extends Error {}

/** The API's force_password_reset: a new password is required at next sign-in, and every session ends now. */
export const forcePasswordResetForm = (request: RequestInfo): Handler => async (db, org, form, prev) => {
  try {
    const email = await db.transaction(async (tx) => {
      const user = await userOfAccount(tx, org, form, { forUpdate: true });
      await forcePasswordReset(tx, { organizationId: org.organizationId, portalUserId: user.id, request, via: "admin" });
      return user.email;
    });
    return successState(prev, `${email} must choose a new password at next sign-in; their sessions were ended.`);
  } catch (error) {
    return refused(prev, error, WHAT);
  }
};

/** The API's unblock: lifts a password lockout (too many failed attempts). */
export const unblockPortalUserForm = (request: RequestInfo): Handler => async (db, org, form, prev) => {
  try {
    const email = await db.transaction(async (tx) => {
      const user = await userOfAccount(tx, org, form, { forUpdate: true });
      await unblockPortalUser(tx, { organizationId: org.organizationId, id: user.id }, request, "admin");
      return user.email;
    });
    return successState(prev, `${email} can sign in with a password again.`);
  } catch (error) {
    return refused(prev, error, WHAT);
  }
};

/** The API's PATCH /portal_users/:id with a role (updatePortalUserInput). */
export async function changePortalUserRoleForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const parsed = updatePortalUserInput.safeParse({ role: form.get("role") });
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues));
  try {
    const user = await db.transaction(async (tx) => {
      const current = await userOfAccount(tx, org, form, { forUpdate: true });
      return updatePortalUser(tx, { organizationId: org.organizationId, id: current.id }, parsed.data);
    });
    return successState(prev, `${user.email} is now ${user.role}.`);
  } catch (error) {
    return refused(prev, error, WHAT);
  }
}

/** The API's DELETE /portal_users/:id, confirmed: sessions end and every link the user was sent stops working. */
export const removePortalUserForm = (request: RequestInfo): Handler => async (db, org, form, prev) => {
  if (form.get("confirm") !== "remove") return errorState(prev, "Confirm to remove the user.");
  try {
    const email = await db.transaction(async (tx) => {
      const user = await userOfAccount(tx, org, form, { forUpdate: true });
      await removePortalUser(tx, { organizationId: org.organizationId, id: user.id }, request, { method: "admin" });
      return user.email;
    });
    return successState(prev, `${email} was removed: they can no longer sign in to this portal.`);
  } catch (error) {
    return refused(prev, error, WHAT);
  }
};
