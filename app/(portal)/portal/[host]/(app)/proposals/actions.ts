"use server";

import { refresh } from "next/cache";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { stateOf, textField, type ActionState } from "@/lib/portal/form-state";
import { acceptPortalProposal, rejectPortalProposal } from "@/lib/portal/proposals";
import { isSectionEnabled } from "@/lib/portal/sections";
import { requireSectionActor } from "../section";

// Accept and reject a proposal. lib/portal/proposals checks manage_subscriptions and that the
// proposal is the account's; lib/proposals does the rest (open, not expired, accepted once).
async function viewerFor(host: unknown) {
  const viewer = await requireSectionActor(host, "proposals");
  return { viewer, t: pick(portalManageMessages, viewer.locale) };
}

export async function acceptProposalAction(host: unknown, proposalId: unknown): Promise<ActionState> {
  const { viewer, t } = await viewerFor(host);
  if (typeof proposalId !== "string") return { status: "error", message: t.common.errors.not_found };
  const result = await acceptPortalProposal(getDb(), viewer, proposalId);
  if (result.ok) refresh();
  const linkable = isSectionEnabled(viewer.settings, "subscriptions");
  return stateOf(result, t.common.errors, () => t.proposals.accepted, (v) => (linkable ? `/subscriptions/${v.subscriptionId}` : null));
}

export async function rejectProposalAction(host: unknown, proposalId: unknown, _previous: ActionState, form: FormData): Promise<ActionState> {
  const { viewer, t } = await viewerFor(host);
  if (typeof proposalId !== "string") return { status: "error", message: t.common.errors.not_found };
  const result = await rejectPortalProposal(getDb(), viewer, proposalId, textField(form, "reason", 500));
  if (result.ok) refresh();
  return stateOf(result, t.common.errors, () => t.proposals.rejected);
}
