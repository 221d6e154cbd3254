import type { InvoiceStatus, PaymentStatus, SubscriptionStatus } from "@/db/schema";

// Which badge colour each status gets.
export const invoiceTone = (s: InvoiceStatus) => (s === "paid" ? "success" : s === "open" ? "info" : s === "uncollectible" ? "danger" : "neutral") as "success" | "info" | "danger" | "neutral";

export const paymentTone = (s: PaymentStatus) =>
  (s === "succeeded" ? "success" : s === "failed" ? "danger" : s === "pending" || s === "processing" ? "warning" : "neutral") as "success" | "danger" | "warning" | "neutral";

export const subscriptionTone = (s: SubscriptionStatus) =>
  (s === "active" ? "success" : s === "trialing" || s === "scheduled" ? "info" : s === "past_due" || s === "unpaid" || s === "incomplete" ? "danger" : "neutral") as
    "success" | "info" | "danger" | "neutral";
