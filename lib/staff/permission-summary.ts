import type { MemberRole } from "@/db/schema";

// The permission matrix (permissions.ts) in words, per role, for the overview and docs/admin.md.
export const PERMISSION_SUMMARY: Record<MemberRole, string[]> = {
  owner: ["Everything, including making and removing owners (ownership transfer).", "Portal settings, business data, developer tools, members."],
  admin: ["Everything except making, changing or removing owners.", "Change portal settings, invite members and change their roles."],
  developer: ["API keys, webhooks, the request log and the email outbox.", "Read-only: portal settings, business data and the member list."],
  support: ["Customers' portal users: invite, force a password reset, unblock.", "Read-only: portal settings, business data and the member list."],
};
