import { z } from "zod";
import { proposalStatuses } from "@/db/schema";
import { futureDatetimeInput, text } from "@/lib/api/fields";
import { listQueryShape } from "@/lib/api/pagination";
import { metadataInput, metadataPatchInput } from "@/lib/api/metadata";
import { refineSubscriptionTerms, subscriptionTermsShape } from "@/lib/subscriptions/input";

// A proposal offers what POST /subscriptions takes (the same fields, the same rules), plus how
// long the offer holds and a message for the customer. The subscription starts on acceptance.
export const createProposalInput = z
  .strictObject({
    ...subscriptionTermsShape,
    valid_until: futureDatetimeInput.meta({ description: "The offer holds until this instant (in the future); then it expires" }),
    message: text(2000).optional().meta({ description: "Shown to the customer with the offer" }),
    metadata: metadataInput.optional(),
  })
  .superRefine(refineSubscriptionTerms);

// PATCH: only while open; only what does not change the offer itself.
export const updateProposalInput = z.strictObject({
  message: text(2000).nullable().optional().meta({ description: "`null` removes it" }),
  valid_until: futureDatetimeInput.optional().meta({ description: "Extends or shortens the offer; must be in the future" }),
  metadata: metadataPatchInput.optional(),
});

export const rejectProposalInput = z.strictObject({
  reason: text(500).optional().meta({ description: "Why the customer declined, for the merchant's records" }),
});

export const listProposalsQuery = z.strictObject({
  ...listQueryShape,
  billing_account_id: z.uuid().optional(),
  status: z.enum(proposalStatuses).optional().meta({ description: "`open` excludes, and `expired` includes, open proposals whose valid_until has passed" }),
});

export type CreateProposalInput = z.output<typeof createProposalInput>;
export type UpdateProposalInput = z.output<typeof updateProposalInput>;
export type RejectProposalInput = z.output<typeof rejectProposalInput>;
export type ProposalFilters = z.output<typeof listProposalsQuery>;
