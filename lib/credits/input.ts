import { z } from "zod";
import { currencyField, futureDatetimeInput, positiveCents, text } from "@/lib/api/fields";

// Input rules for credits granted to a billing account.
export const creditTypes = ["promotional", "adjustment", "refund", "manual"] as const;

export const grantCreditInput = z.strictObject({
  credit_type: z.enum(creditTypes).meta({ description: "Why the credit exists" }),
  amount_cents: positiveCents.meta({ description: "Amount granted, in cents of `currency`" }),
  currency: currencyField.optional().meta({ description: "Defaults to the organization's currency" }),
  expires_at: futureDatetimeInput
    .nullish()
    .meta({ description: "The unused part stops counting from this instant; null for never" }),
  description: text(500).nullish().meta({ description: "Shown to the customer on the portal" }),
});

export const creditStatusFilter = z
  .enum(["active", "voided", "expired", "all"])
  .default("active")
  .meta({ description: "Active credits by default (including ones past expires_at the monthly expiration job has not marked yet: see `expired`); `voided`, `expired` or `all` for the others" });

export type GrantCreditInput = z.output<typeof grantCreditInput>;
