import { z } from "zod";
import { promoCodeField } from "@/lib/api/fields";
import { documentInput, taxAddressInput } from "@/lib/billing-accounts/input";
import { billingCycleInput } from "@/lib/subscriptions/input";

// What the checkout form sends. The customer's fields reuse the billing account's rules (CPF/CNPJ
// check digits, CEP, UF), so the checkout and the API refuse the same things with the same words.
const addOn = z.strictObject({ price_id: z.uuid(), quantity: z.number().int().min(1).max(1000) });

/** Plan choices: what a quote needs. */
export const checkoutSelectionInput = z.strictObject({
  billing_cycle: billingCycleInput,
  add_ons: z.array(addOn).max(50).default([]),
  /** One field for both kinds of promotion: a coupon code or a discount code. */
  promo_code: promoCodeField.nullish(),
});

export const checkoutCustomerInput = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
  email: z.string().trim().toLowerCase().pipe(z.email("must be a valid email address").max(254, "must be at most 254 characters")),
  phone: z.string().trim().regex(/^\+?[0-9 ().-]{8,24}$/, "must be a phone number such as +55 11 91234-5678").nullish(),
  document: documentInput,
  tax_address: taxAddressInput,
});

export const checkoutPaymentInput = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("card"), token: z.string().min(1, "must not be empty").max(100) }),
  z.strictObject({ type: z.literal("boleto") }),
  z.strictObject({ type: z.literal("pix") }),
]);

export const completeCheckoutInput = checkoutSelectionInput.extend({
  customer: checkoutCustomerInput,
  payment: checkoutPaymentInput,
  /** One per checkout form (rendered with the page): a double submit replays the first outcome. */
  idempotency_key: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, "must be 16-100 letters, digits, - or _"),
});

export type CheckoutSelection = z.output<typeof checkoutSelectionInput>;
export type CompleteCheckoutInput = z.output<typeof completeCheckoutInput>;
export type CompleteCheckoutRaw = z.input<typeof completeCheckoutInput>;
