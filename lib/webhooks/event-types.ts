// Every event type Ciclo emits. Endpoints subscribe to a list of these, or to "*".
export const EVENT_TYPES = [
  "billing_account.created",
  "billing_account.updated",
  "billing_account.deleted",
  "billing_account.archived",
  "credit.granted",
  "credit.voided",
  "subscription.created",
  "subscription.updated",
  "subscription.canceled",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

