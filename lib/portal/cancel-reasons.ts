// Why a customer cancels, chosen from a list in the portal (with their own words after it).
// Kept apart from the actions so the browser's cancel form can import it.
export const CANCEL_REASONS = ["too_expensive", "missing_features", "not_using", "switching_provider", "temporary", "support", "other"] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export const isCancelReason = (v: unknown): v is CancelReason => typeof v === "string" && (CANCEL_REASONS as readonly string[]).includes(v);
