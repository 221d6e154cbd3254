import type { DbOrTx } from "@/db";
import { createCouponInput, updateCouponInput } from "@/lib/promotions/coupon-input";
import { createCoupon, deleteCoupon, updateCoupon } from "@/lib/promotions/coupons";
import { createDiscountCodeInput, updateDiscountCodeInput } from "@/lib/promotions/discount-code-input";
import { createDiscountCode, deleteDiscountCode, updateDiscountCode } from "@/lib/promotions/discount-codes";
import { amountReader, catalogFailure, catalogIssues, catalogRefusal, countOrBlank, utcInstant } from "./catalog-form-kit";
import { echoValues, errorState, idOf, INVALID_MESSAGE, optionalText, successState, type AdminFormState, type OrgScope } from "./form-state";

// Coupons and discount codes: POST/PATCH/DELETE /coupons and /discount_codes's inputs, schemas
// and functions. Percentages are typed as percents ("12,5") and become basis points; amounts
// as decimals ("50,00") and become cents, exactly. A blank limit on an edit clears it (null).
type Amounts = ReturnType<typeof amountReader>;
const text = (form: FormData, name: string) => String(form.get(name) ?? "");
const orNull = <T>(v: T | undefined) => (v === undefined ? null : v);
const ids = (form: FormData, name: string) => form.getAll(name).map(String);

const scopeOf = (form: FormData, side: "applies_to" | "excludes") => ({ product_ids: ids(form, `${side}.product_ids`), plan_ids: ids(form, `${side}.plan_ids`) });

function couponLimits(form: FormData, amounts: Amounts) {
  return {
    name: optionalText(form, "name"),
    usage_limit: orNull(countOrBlank(form, "usage_limit")),
    usage_limit_per_user: orNull(countOrBlank(form, "usage_limit_per_user")),
    min_purchase_cents: orNull(amounts.read("min_purchase_cents", 2)),
    max_discount_cents: orNull(amounts.read("max_discount_cents", 2)),
    valid_from: orNull(utcInstant(form, "valid_from")),
    valid_until: orNull(utcInstant(form, "valid_until")),
    applies_to: scopeOf(form, "applies_to"),
    excludes: scopeOf(form, "excludes"),
  };
}

function answer(prev: AdminFormState, issues: Parameters<typeof catalogIssues>[0] | null, amounts: Amounts, values: Record<string, string>) {
  const fields = { ...(issues ? catalogIssues(issues) : {}), ...amounts.problems };
  return Object.keys(fields).length > 0 ? errorState(prev, INVALID_MESSAGE, fields, values) : null;
}

export async function createCouponForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const amounts = amountReader(form);
  const percentage = text(form, "discount_type") === "percentage";
  const parsed = createCouponInput.safeParse({
    code: text(form, "code"),
    discount_type: text(form, "discount_type"),
    // Only the chosen kind's field is read: the other may hold a leftover the form hides.
    percent_off_bps: percentage ? orNull(amounts.read("percent_off_bps", 2)) : null,
    amount_off_cents: percentage ? null : orNull(amounts.read("amount_off_cents", 2)),
    currency: percentage ? null : optionalText(form, "currency"),
    ...couponLimits(form, amounts),
  });
  const refusal = answer(prev, parsed.success ? null : parsed.error.issues, amounts, values);
  if (refusal || !parsed.success) return refusal!;
  try {
    const coupon = await createCoupon(db, org, parsed.data);
    return successState(prev, `Coupon ${coupon.code} created.`, { created_id: coupon.id });
  } catch (error) {
    return catalogFailure(prev, error, values);
  }
}

export async function updateCouponForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const amounts = amountReader(form);
  const parsed = updateCouponInput.safeParse(couponLimits(form, amounts));
  const refusal = answer(prev, parsed.success ? null : parsed.error.issues, amounts, values);
  if (refusal || !parsed.success) return refusal!;
  try {
    const coupon = await updateCoupon(db, { organizationId: org.organizationId, id: idOf(form) }, parsed.data);
    return successState(prev, `Coupon ${coupon.code} saved.`);
  } catch (error) {
    return catalogRefusal(prev, error, "coupon", values);
  }
}

/** DELETE /coupons/:id: deleted when never used, else archived (no longer redeemable). */
export async function deleteCouponForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  try {
    const outcome = await deleteCoupon(db, { organizationId: org.organizationId, id: idOf(form) });
    if (outcome.deleted) return successState(prev, "Coupon deleted: it was never used.", { deleted: "coupon" });
    return successState(prev, "Coupon archived: it has been used, so it was kept for the records and can no longer be redeemed.");
  } catch (error) {
    return catalogRefusal(prev, error, "coupon");
  }
}

export async function createDiscountCodeForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const amounts = amountReader(form);
  const parsed = createDiscountCodeInput.safeParse({
    code: text(form, "code"),
    percent_off_bps: orNull(amounts.read("percent_off_bps", 2)),
    amount_off_cents: orNull(amounts.read("amount_off_cents", 2)),
    currency: optionalText(form, "currency"),
    duration: text(form, "duration"),
    duration_in_months: text(form, "duration") === "repeating" ? orNull(countOrBlank(form, "duration_in_months")) : null,
    max_redemptions: orNull(countOrBlank(form, "max_redemptions")),
    expires_at: orNull(utcInstant(form, "expires_at")),
  });
  const refusal = answer(prev, parsed.success ? null : parsed.error.issues, amounts, values);
  if (refusal || !parsed.success) return refusal!;
  try {
    const code = await createDiscountCode(db, org, parsed.data);
    return successState(prev, `Discount code ${code.code} created.`, { created_id: code.id });
  } catch (error) {
    return catalogFailure(prev, error, values);
  }
}

export async function updateDiscountCodeForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const parsed = updateDiscountCodeInput.safeParse({
    max_redemptions: orNull(countOrBlank(form, "max_redemptions")),
    expires_at: orNull(utcInstant(form, "expires_at")),
  });
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, catalogIssues(parsed.error.issues), values);
  try {
    const code = await updateDiscountCode(db, { organizationId: org.organizationId, id: idOf(form) }, parsed.data);
    return successState(prev, `Discount code ${code.code} saved.`);
  } catch (error) {
    return catalogRefusal(prev, error, "discount code", values);
  }
}

/** DELETE /discount_codes/:id: deleted when never redeemed, else archived. */
export async function deleteDiscountCodeForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  try {
    const outcome = await deleteDiscountCode(db, { organizationId: org.organizationId, id: idOf(form) });
    if (outcome.deleted) return successState(prev, "Discount code deleted: it was never redeemed.", { deleted: "discount code" });
    return successState(prev, "Discount code archived: it has been redeemed, so it was kept for the records and can no longer be used.");
  } catch (error) {
    return catalogRefusal(prev, error, "discount code");
  }
}
