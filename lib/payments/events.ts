import type { Payment } from "@/db/schema";
import { serializePayment } from "@/lib/api/resources/payments";

/** The `data` of payment.* events: the payment as the API shows it. */
export const paymentEventData = (payment: Payment, mode: "live" | "test") => serializePayment(payment, mode);
