import { ApiError } from "@/lib/api/errors";
import { failureState, refused } from "./form-errors";
import { errorState, INVALID_MESSAGE, fieldName, type AdminFormState } from "./form-state";
import { MONEY_HINT, parseDecimalAmount } from "./money-input";

// What the Catalog forms share: reading amounts typed as decimals, and putting every problem
// (zod's issues, money that is not an amount, a refusal from the service naming a param such as
// `prices[0].usage_type` or `items[2].price_id`) under the input that holds it. Lists typed in
// one control (a price's tiers, a plan's items) take their entries' problems as "Tier 2: …".
type Issue = { path: ReadonlyArray<PropertyKey>; message: string };

const LISTS: Record<string, string> = { tiers: "Tier", items: "Item", billing_cycles: "Cycle" };

/** `["prices", 0, "tiers", 1, "up_to"]` -> the field `prices.tiers` and "Tier 2 (up_to): …". */
function place(path: ReadonlyArray<PropertyKey>, message: string, prefix: string): [string, string] {
  const i = path.findIndex((p, n) => typeof p === "string" && LISTS[p] !== undefined && typeof path[n + 1] === "number");
  if (i < 0) return [`${prefix}${fieldName(path)}`, message];
  const rest = path.slice(i + 2).filter((p) => typeof p === "string").join(".");
  const label = `${LISTS[path[i] as string]} ${(path[i + 1] as number) + 1}${rest ? ` (${rest})` : ""}`;
  return [`${prefix}${fieldName(path.slice(0, i + 1))}`, `${label}: ${message}`];
}

export function catalogIssues(issues: ReadonlyArray<Issue>, prefix = ""): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const worded = /expected number/.test(issue.message) ? "must be a whole number" : issue.message;
    const [name, message] = place(issue.path, worded, prefix);
    fields[name] ??= message;
  }
  return fields;
}

/** "prices[0].tiers[1].up_to" -> ["prices", 0, "tiers", 1, "up_to"]. */
const pathOf = (param: string) => param.split(/[.[\]]/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/** A refusal from the service as a form state, its param placed like a zod issue. */
export function catalogFailure(prev: AdminFormState, error: unknown, values: Record<string, string> | null, prefix = ""): AdminFormState {
  if (error instanceof ApiError && error.param && error.code !== "resource_missing") {
    const [name, message] = place(pathOf(error.param), error.message.replace(/^Invalid [^:]+: /, ""), prefix);
    return errorState(prev, INVALID_MESSAGE, { [name]: message }, values);
  }
  return failureState(prev, error, values);
}

/** Same, for a row named in the form: another organization's id (or one gone) is "not found". */
export function catalogRefusal(prev: AdminFormState, error: unknown, what: string, values: Record<string, string> | null = null): AdminFormState {
  if (error instanceof ApiError && error.code === "resource_missing") return refused(prev, error, what);
  return catalogFailure(prev, error, values);
}

/**
 * Amounts typed in a form: `read` gives the number for the schema (undefined when blank, so the
 * schema's default or "required" applies) and notes text that is not an amount; `problems`
 * then holds those notes by field name, to show over the schema's issues.
 */
export function amountReader(form: FormData) {
  const problems: Record<string, string> = {};
  const read = (name: string, decimals: number, field = name): number | undefined => {
    const raw = String(form.get(name) ?? "").trim();
    if (raw === "") return undefined;
    const value = parseDecimalAmount(raw, decimals);
    if (value === null) {
      problems[field] = decimals === 4 ? `must be an amount with at most 4 decimals. ${MONEY_HINT}` : `must be an amount with at most ${decimals} decimals. ${MONEY_HINT}`;
      return 0;
    }
    return value;
  };
  return { read, problems };
}

/** A whole number field: undefined when blank, the raw text when not a number (the schema names it). */
export function countOrBlank(form: FormData, name: string): number | string | undefined {
  const raw = String(form.get(name) ?? "").trim();
  if (raw === "") return undefined;
  return /^-?\d{1,12}$/.test(raw) ? Number(raw) : raw;
}

/** A datetime-local control (read as UTC, as the form says) as ISO 8601, or undefined when blank. */
export function utcInstant(form: FormData, name: string): string | undefined {
  const raw = String(form.get(name) ?? "").trim();
  if (raw === "") return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(raw) ? `${raw.length === 16 ? `${raw}:00` : raw}Z` : raw;
}

/** Inputs left out of the form are left out of the input (a PATCH changes only what was sent). */
export const defined = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
