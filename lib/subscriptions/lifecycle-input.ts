import { z } from "zod";
import { datetimeInput, text } from "@/lib/api/fields";

// Bodies of the lifecycle actions (pause, resume, cancel, reactivate). "In the future" is
// checked by the service against the billing clock, not here against the system clock.
export const pauseSubscriptionInput = z.strictObject({
  resume_at: datetimeInput.optional().meta({ description: "When billing resumes by itself; must be in the future. Without it the subscription stays paused until resumed." }),
});

export const cancelSubscriptionInput = z.strictObject({
  at_period_end: z.boolean().default(false).meta({ description: "`true`: keep serving until current_period_end, then end; `false` (default): end now" }),
  cancellation_reason: text(500).optional().meta({ description: "Why the customer left, for your records" }),
});

/** Actions without parameters still refuse unknown ones. */
export const noParamsInput = z.strictObject({});

export type PauseSubscriptionInput = z.output<typeof pauseSubscriptionInput>;
export type CancelSubscriptionInput = z.output<typeof cancelSubscriptionInput>;
