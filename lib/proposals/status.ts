import type { Proposal, ProposalStatus } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";

// An open proposal whose valid_until has passed (business clock) is expired, whether or not the
// hourly expiry job has marked it yet: the API reads and acts on it as expired either way.
export function isLapsed(p: Proposal, at: Date): boolean {
  return p.status === "open" && at.getTime() >= p.validUntil.getTime();
}

export function effectiveStatus(p: Proposal, at: Date): ProposalStatus {
  return isLapsed(p, at) ? "expired" : p.status;
}

/** When the proposal last changed as the API shows it (expiring by the clock is a change). */
export function proposalLastModified(p: Proposal, at: Date): Date {
  return isLapsed(p, at) && p.validUntil > p.updatedAt ? p.validUntil : p.updatedAt;
}

const pastTense = { accept: "accepted", reject: "rejected", cancel: "canceled", change: "changed", send: "sent" } as const;

/** Accept, reject, cancel, PATCH and sending apply to an open, unexpired proposal only: otherwise 409 saying why. */
export function assertOpen(p: Proposal, at: Date, action: keyof typeof pastTense): void {
  const done = pastTense[action];
  if (p.status === "accepted") {
    throw new ApiError("resource_conflict", `This proposal was already accepted (subscription ${p.subscriptionId}) and can no longer be ${done}`, { param: "status" });
  }
  if (p.status !== "open") throw new ApiError("resource_conflict", `This proposal is ${p.status} and can no longer be ${done}`, { param: "status" });
  if (isLapsed(p, at)) {
    throw new ApiError("resource_conflict", `This proposal expired at ${p.validUntil.toISOString()} (its valid_until) and can no longer be ${done}`, { param: "valid_until" });
  }
}
