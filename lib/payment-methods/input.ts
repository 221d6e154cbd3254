import { z } from "zod";
import { paymentMethodTypes } from "@/db/schema";

// Input rules for payment methods and for the sandbox's card tokenization endpoint.
export const paymentMethodRoles = ["default", "backup"] as const;
export type PaymentMethodRole = (typeof paymentMethodRoles)[number];

const role = z.enum(paymentMethodRoles);

export const attachPaymentMethodInput = z
  .strictObject({
    type: z.enum(paymentMethodTypes).meta({ description: "`card` (with a `token`), `boleto` or `pix`" }),
    token: z
      .string()
      .min(1, "must not be empty")
      .max(100, "must be at most 100 characters")
      .optional()
      .meta({ description: "For `card`: the token from POST /gateway/sandbox/tokens (`tok_…`). Brand, last4 and expiry come from the gateway" }),
    role: role.optional().meta({
      description: "`default` is charged first, `backup` when the default fails. The account's first active method becomes the default whatever is sent",
    }),
  })
  .superRefine((v, ctx) => {
    if (v.type === "card" && v.token === undefined) ctx.addIssue({ code: "custom", path: ["token"], message: "This field is required for type card" });
    if (v.type !== "card" && v.token !== undefined) ctx.addIssue({ code: "custom", path: ["token"], message: "only a card has a token" });
  });

export const updatePaymentMethodInput = z.strictObject({
  role: role.nullable().meta({
    description: "`default` demotes the previous default to no role; `backup` replaces the previous backup; null clears the role (not on the default)",
  }),
});

export const paymentMethodStatusFilter = z
  .enum(["active", "removed", "all"])
  .default("active")
  .meta({ description: "Active methods by default; `removed` or `all` for the others" });

export const cardTokenInput = z.strictObject({
  number: z.string({ error: "must be a string of digits, such as \"4242 4242 4242 4242\"" }).max(40, "must be at most 40 characters").meta({ description: "Card number; spaces and hyphens are ignored", examples: ["4242 4242 4242 4242"] }),
  exp_month: z.number().int("must be a whole number").meta({ description: "1 to 12" }),
  exp_year: z.number().int("must be a whole number").meta({ description: "Four digits, e.g. 2030" }),
  cvc: z.string({ error: "must be a string of 3 or 4 digits" }).max(8, "must be at most 8 characters").meta({ description: "3 or 4 digits" }),
  holder_name: z.string().trim().max(200, "must be at most 200 characters").optional().meta({ description: "As printed on the card (not stored)" }),
});

export type AttachPaymentMethodInput = z.output<typeof attachPaymentMethodInput>;
export type UpdatePaymentMethodInput = z.output<typeof updatePaymentMethodInput>;
export type CardTokenInput = z.output<typeof cardTokenInput>;
