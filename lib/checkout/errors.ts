import { z } from "zod";
import { ApiError } from "@/lib/api/errors";

// Checkout refusals the page words for the buyer: a code and, for input problems, the fields
// at fault (dotted paths such as `customer.tax_address.postal_code`) with the service's message.
export type CheckoutErrorCode =
  | "invalid" // fields: see `fields`
  | "promo_invalid" // the promotion code does not exist or cannot be used on this purchase
  | "account_exists" // the email already has an account in this organization: sign in instead
  | "in_progress" // a submit with this form's key is still running
  | "rate_limited" // too many purchases tried from this client: fields.form says when to try again
  | "unavailable"; // the gateway or something else failed: nothing was charged, try again

export class CheckoutError extends Error {
  constructor(
    readonly code: CheckoutErrorCode,
    readonly fields: Record<string, string> = {},
  ) {
    super(code === "invalid" ? `Invalid checkout: ${Object.keys(fields).join(", ")}` : code);
    this.name = "CheckoutError";
  }
}

const pathOf = (path: ReadonlyArray<PropertyKey>) => path.map(String).join(".");

export function fromZod(error: z.ZodError, prefix = ""): CheckoutError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = `${prefix}${pathOf(issue.path)}` || "form";
    fields[key] ??= issue.message;
  }
  return new CheckoutError("invalid", fields);
}

/** A service's 422 naming its param, translated into checkout field paths. */
export function fromApiError(error: ApiError, params: Record<string, string>): CheckoutError | null {
  if (error.code !== "validation_failed" && error.code !== "reference_not_found") return null;
  const param = error.param ?? "";
  if (param === "coupon" || param === "discount_code") return new CheckoutError("promo_invalid", { promo_code: error.message });
  const mapped = Object.entries(params).find(([from]) => param === from || param.startsWith(`${from}.`) || param.startsWith(`${from}[`));
  const field = mapped ? `${mapped[1]}${param.slice(mapped[0].length)}` : "form";
  return new CheckoutError("invalid", { [field]: error.message });
}

/** Parses with zod, throwing CheckoutError("invalid") naming every field at fault. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}
