import type { DbOrTx } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { createPriceInput, rowToPriceTerms, updatePriceInput } from "@/lib/catalog/price-input";
import { deletePrice, createPrice, getPriceOrThrow, updatePrice } from "@/lib/catalog/prices";
import { createProductInput, updateProductInput } from "@/lib/catalog/product-input";
import { createProduct, deleteProduct, restoreProduct, updateProduct } from "@/lib/catalog/products";
import { amountReader, catalogFailure, catalogIssues, catalogRefusal, countOrBlank, defined } from "./catalog-form-kit";
import { parseDecimalAmount } from "./money-input";
import { checked, echoValues, errorState, idOf, INVALID_MESSAGE, optionalText, successState, type AdminFormState, type OrgScope } from "./form-state";

// Products and prices: each form read into the input POST/PATCH /products and /prices take,
// validated by the same schema and saved by the same function. Amounts are typed as decimals
// ("49,90") and become subcents exactly (money-input.ts).
type Amounts = ReturnType<typeof amountReader>;
const text = (form: FormData, name: string) => String(form.get(name) ?? "");

/** The tiers control: one tier a line, "up to | unit amount | flat amount"; the last one "up to" blank (or ∞). */
function readTiers(form: FormData, name: string, amounts: Amounts) {
  const lines = text(form, name).split("\n").map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return undefined;
  return lines.map((line, i) => {
    const [upTo = "", unit = "", flat = ""] = line.split(/\s*[|;\t]\s*/);
    const amount = (raw: string, what: string) => {
      if (raw.trim() === "") return 0;
      const v = parseDecimalAmount(raw, 4);
      if (v === null) amounts.problems[name] ??= `Tier ${i + 1}: the ${what} “${raw}” is not an amount such as 4,90`;
      return v ?? 0;
    };
    const up = upTo.trim();
    return {
      up_to: up === "" || /^(∞|inf|infinity|and up|\+)$/i.test(up) ? null : /^\d{1,10}$/.test(up) ? Number(up) : up,
      unit_amount_subcents: amount(unit, "unit amount"),
      flat_amount_subcents: amount(flat, "flat amount"),
    };
  });
}

/** A price's terms from the price fields (under `p`, "prices." inside the new-product form). */
function readPrice(form: FormData, p: string, amounts: Amounts) {
  const scheme = text(form, `${p}billing_scheme`) || "per_unit";
  const tiered = scheme === "tiered" || scheme === "volume";
  const unit = tiered ? undefined : amounts.read(`${p}unit_amount_subcents`, 4);
  if (!tiered && unit === undefined) amounts.problems[`${p}unit_amount_subcents`] ??= "is required (0 for a free price)";
  return defined({
    name: text(form, `${p}name`),
    currency: optionalText(form, `${p}currency`) ?? undefined,
    billing_scheme: scheme,
    usage_type: optionalText(form, `${p}usage_type`) ?? undefined,
    recurring_interval: text(form, `${p}recurring_interval`),
    interval_count: countOrBlank(form, `${p}interval_count`),
    unit_amount_subcents: unit,
    setup_amount_subcents: amounts.read(`${p}setup_amount_subcents`, 4),
    included_quantity: countOrBlank(form, `${p}included_quantity`),
    excess_amount_subcents: amounts.read(`${p}excess_amount_subcents`, 4),
    package_size: scheme === "package" ? countOrBlank(form, `${p}package_size`) : undefined,
    tiers_mode: scheme === "tiered" ? (optionalText(form, `${p}tiers_mode`) ?? undefined) : undefined,
    tiers: tiered ? readTiers(form, `${p}tiers`, amounts) : undefined,
  });
}

const productFields = (form: FormData) => ({
  name: text(form, "name"),
  slug: text(form, "slug"),
  description: optionalText(form, "description"),
  product_type: text(form, "product_type"),
  parent_product_id: optionalText(form, "parent_product_id"),
  product_group_id: optionalText(form, "product_group_id"),
  service_item_id: optionalText(form, "service_item_id"),
  self_service_editable: checked(form, "self_service_editable"),
});

const hasFirstPrice = (form: FormData) =>
  ["prices.name", "prices.unit_amount_subcents", "prices.tiers"].some((n) => optionalText(form, n) !== null);

export async function createProductForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const amounts = amountReader(form);
  const input = { ...productFields(form), prices: hasFirstPrice(form) ? [readPrice(form, "prices.", amounts)] : [] };
  const parsed = createProductInput.safeParse(input);
  const fields = { ...(parsed.success ? {} : catalogIssues(parsed.error.issues)), ...amounts.problems };
  if (!parsed.success || Object.keys(fields).length > 0) return errorState(prev, INVALID_MESSAGE, fields, values);
  try {
    const { product, prices } = await createProduct(db, org, parsed.data);
    const what = prices.length ? "with its price" : "without prices: add one on its page";
    return successState(prev, `Product “${product.name}” created ${what}.`, { created_id: product.id });
  } catch (error) {
    return catalogFailure(prev, error, values);
  }
}

export async function updateProductForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const parsed = updateProductInput.safeParse(productFields(form));
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, catalogIssues(parsed.error.issues), values);
  try {
    const product = await updateProduct(db, { organizationId: org.organizationId, id: idOf(form) }, parsed.data);
    return successState(prev, `Product “${product.name}” saved.`);
  } catch (error) {
    return catalogRefusal(prev, error, "product", values);
  }
}

/** DELETE /products/:id: deleted when nothing uses it, else archived with its prices deactivated. */
export async function archiveProductForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  try {
    const outcome = await deleteProduct(db, { organizationId: org.organizationId, id: idOf(form) });
    if (outcome.deleted) return successState(prev, "Product deleted: nothing used it.", { deleted: "product" });
    return successState(prev, "Product archived: it is in use, so it was kept (with its prices deactivated) for the records that point at it.");
  } catch (error) {
    return catalogRefusal(prev, error, "product");
  }
}

export async function unarchiveProductForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  try {
    await restoreProduct(db, { organizationId: org.organizationId, id: idOf(form) });
    return successState(prev, "Product unarchived: activate the prices you want to sell again.");
  } catch (error) {
    return catalogRefusal(prev, error, "product");
  }
}

export async function createPriceForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const amounts = amountReader(form);
  const parsed = createPriceInput.safeParse({ product_id: idOf(form, "product_id"), ...readPrice(form, "", amounts) });
  const fields = { ...(parsed.success ? {} : catalogIssues(parsed.error.issues)), ...amounts.problems };
  if (!parsed.success || Object.keys(fields).length > 0) return errorState(prev, INVALID_MESSAGE, fields, values);
  try {
    const price = await createPrice(db, org, parsed.data);
    return successState(prev, `Price “${price.name}” added.`);
  } catch (error) {
    if (error instanceof ApiError && error.param === "product_id") {
      if (error.code === "reference_not_found") return errorState(prev, "This product was not found: nothing was changed.");
      return errorState(prev, `Nothing was saved: ${error.message.replace(/^Invalid product_id: /, "")}.`, {}, values);
    }
    return catalogFailure(prev, error, values);
  }
}

/** PATCH /prices/:id { active }: a deactivated price is no longer offered; what bills with it goes on. */
export async function setPriceActiveForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const parsed = updatePriceInput.safeParse({ active: form.get("active") === "true" });
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, catalogIssues(parsed.error.issues));
  try {
    const price = await updatePrice(db, { organizationId: org.organizationId, id: idOf(form) }, parsed.data);
    return successState(prev, price.active ? `Price “${price.name}” activated.` : `Price “${price.name}” deactivated: it is no longer offered.`);
  } catch (error) {
    return catalogRefusal(prev, error, "price");
  }
}

/** DELETE /prices/:id: deleted when unused, else the service deactivates it instead. */
export async function deletePriceForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  try {
    const outcome = await deletePrice(db, { organizationId: org.organizationId, id: idOf(form) });
    return successState(prev, outcome.deleted ? "Price deleted." : "This price is in use (plans or subscriptions bill with it), so it was deactivated instead of deleted.");
  } catch (error) {
    return catalogRefusal(prev, error, "price");
  }
}

const TERMS = ["currency", "billing_scheme", "usage_type", "recurring_interval", "interval_count", "unit_amount_subcents", "setup_amount_subcents", "excess_amount_subcents", "included_quantity", "tiers", "tiers_mode", "package_size"] as const;
/** What a blank control means for a price's terms (the create defaults), so "emptied" is a change too. */
const BLANK_TERMS = { billing_scheme: "per_unit", usage_type: "licensed", interval_count: 1, unit_amount_subcents: 0, setup_amount_subcents: 0, excess_amount_subcents: null, included_quantity: 0, tiers: null, tiers_mode: null, package_size: null };

/**
 * PATCH /prices/:id from the whole price form: the name, and only the terms that differ from the
 * saved ones — the service refuses any term change on a price in use (its message under the field).
 */
export async function updatePriceForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const scope = { organizationId: org.organizationId, id: idOf(form) };
  let current;
  try {
    current = await getPriceOrThrow(db, scope);
  } catch (error) {
    return catalogRefusal(prev, error, "price");
  }
  const amounts = amountReader(form);
  const sent = readPrice(form, "", amounts);
  if (sent.billing_scheme === "tiered" || sent.billing_scheme === "volume") delete amounts.problems.unit_amount_subcents;
  const parsed = updatePriceInput.safeParse({ ...BLANK_TERMS, currency: current.currency, ...sent });
  const fields = { ...(parsed.success ? {} : catalogIssues(parsed.error.issues)), ...amounts.problems };
  if (!parsed.success || Object.keys(fields).length > 0) return errorState(prev, INVALID_MESSAGE, fields, values);
  const saved = rowToPriceTerms(current);
  const changed = TERMS.filter((f) => JSON.stringify(parsed.data[f] ?? null) !== JSON.stringify(saved[f] ?? null));
  try {
    const price = await updatePrice(db, scope, { name: parsed.data.name, ...Object.fromEntries(changed.map((f) => [f, parsed.data[f]])) });
    return successState(prev, changed.length ? `Price “${price.name}” saved with its new terms.` : `Price “${price.name}” saved.`);
  } catch (error) {
    return catalogRefusal(prev, error, "price", values);
  }
}
