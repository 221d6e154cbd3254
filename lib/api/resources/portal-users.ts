import { z } from "zod";
import { portalRoles, type PortalUser } from "@/db/schema";
import { now } from "@/lib/clock";
import { createDeepLinkInput } from "@/lib/portal-auth/deep-link";
import { createPortalUserInput, updatePortalUserInput } from "@/lib/portal-auth/portal-users";
import { idParams } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";
import { iso } from "../response";

// Portal users (who may sign in to a billing account's portal) and portal sessions (deep
// links) as the API shows them. Never a hash, a secret or a token other than the link itself.
export const portalUserObject = z
  .object({
    id: z.uuid(),
    object: z.literal("portal_user"),
    billing_account_id: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(portalRoles),
    status: z.enum(["invited", "active", "removed"]),
    locale: z.enum(["pt-BR", "en"]).nullable(),
    email_verified: z.boolean(),
    has_password: z.boolean(),
    must_reset_password: z.boolean(),
    locked_until: z.iso.datetime().nullable().meta({ description: "Set while password sign-in is blocked after too many failures" }),
    totp_enabled: z.boolean(),
    last_sign_in_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "PortalUser" });

export function serializePortalUser(row: PortalUser): z.output<typeof portalUserObject> {
  const locked = row.lockedUntil && row.lockedUntil.getTime() > now().getTime() ? row.lockedUntil : null;
  return {
    id: row.id,
    object: "portal_user",
    billing_account_id: row.billingAccountId,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    locale: row.locale,
    email_verified: row.emailVerifiedAt !== null,
    has_password: row.passwordHash !== null,
    must_reset_password: row.mustResetPassword,
    locked_until: iso(locked),
    totp_enabled: row.totpEnabledAt !== null,
    last_sign_in_at: iso(row.lastSignInAt),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export const portalSessionObject = z
  .object({
    object: z.literal("portal_session"),
    url: z.string().meta({ description: "Open once within 5 minutes on the portal host; signs the customer in" }),
    expires_at: z.iso.datetime(),
    portal_user_id: z.uuid(),
  })
  .meta({ id: "PortalSession" });

const tag = "portal_users";
export const portalUserOps = {
  create: defineOperation({
    operationId: "createPortalUser", method: "POST", path: "/billing_accounts/{id}/portal_users", tag, summary: "Add a portal user to a billing account",
    description: "Emails are unique per organization among users not removed. With `send_invite`, an invite email with a sign-in link valid for 7 days is sent and the user is `invited` until it is used.",
    scope: "portal:write", params: idParams, body: createPortalUserInput, response: portalUserObject, successStatus: 201, resourceName: "billing account", errors: ["resource_conflict"],
  }),
  list: defineOperation({
    operationId: "listPortalUsers", method: "GET", path: "/billing_accounts/{id}/portal_users", tag, summary: "List a billing account's portal users",
    description: "Newest first; removed users only with `status=removed`.",
    scope: "portal:read", params: idParams, query: z.strictObject({ ...listQueryShape, status: z.enum(["invited", "active", "removed"]).optional() }),
    response: listEnvelope(portalUserObject), list: true, resourceName: "billing account",
  }),
  retrieve: defineOperation({ operationId: "retrievePortalUser", method: "GET", path: "/portal_users/{id}", tag, summary: "Retrieve a portal user", scope: "portal:read", params: idParams, response: portalUserObject }),
  update: defineOperation({
    operationId: "updatePortalUser", method: "PATCH", path: "/portal_users/{id}", tag, summary: "Update a portal user's name, role or locale",
    scope: "portal:write", params: idParams, body: updatePortalUserInput, response: portalUserObject, errors: ["resource_archived"],
  }),
  remove: defineOperation({
    operationId: "removePortalUser", method: "DELETE", path: "/portal_users/{id}", tag, summary: "Remove a portal user",
    description: "The user can no longer sign in: status `removed`, every session revoked, every pending link voided. The email may be added again.",
    scope: "portal:write", params: idParams, response: portalUserObject,
  }),
  forcePasswordReset: defineOperation({
    operationId: "forcePortalUserPasswordReset", method: "POST", path: "/portal_users/{id}/force_password_reset", tag, summary: "Force a new password at next sign-in",
    description: "Revokes every session of the user; signing in (by password or link) then leads to choosing a new password before the portal.",
    scope: "portal:write", params: idParams, response: portalUserObject,
  }),
  unblock: defineOperation({
    operationId: "unblockPortalUser", method: "POST", path: "/portal_users/{id}/unblock", tag, summary: "Lift a password lockout",
    scope: "portal:write", params: idParams, response: portalUserObject,
  }),
  createSession: defineOperation({
    operationId: "createPortalSession", method: "POST", path: "/portal/sessions", tag: "portal", summary: "Open an authenticated portal session (deep link)",
    description:
      "Returns a single-use URL on the tenant's portal host, valid for 5 minutes, that signs the customer in and lands on `flow`'s page. `return_url`'s origin must be in portal settings `allowed_return_origins`. Without `portal_user_id` or `email` the account's first owner is signed in (created from the billing account's email when the account has no portal user).",
    scope: "portal:write", body: createDeepLinkInput, response: portalSessionObject, successStatus: 201, errors: ["resource_missing"],
  }),
};
