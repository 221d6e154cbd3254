import { integer, optionalText } from "./form-state";

// The "New proposal" form as the body POST /api/v1/proposals takes (createProposalInput then
// validates it), and the way back: a zod path or an ApiError param ("add_ons[0].price_id") as
// the name of the input it concerns, so each message lands under its own field.
//
// Inputs: billing_account_id; offer_type ("plan" | "items"); plan_id with quantities.<price_id>
// for the plan's items and add_ons.<price_id> for its optional ones (0 or blank = not included);
// or items.<row>.price_id / items.<row>.quantity; billing_cycle.interval and .interval_count;
// trial_days, coupon, discount_code, valid_until (datetime-local, in the organization's time
// zone), message.
export type ProposalBody = Record<string, unknown>;
/** Which input each array entry came from: items[i] -> its row, add_ons[i] -> its price id. */
export type ArrayOrigins = { items: string[]; addOns: string[]; rows: string[] };

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function offsetMs(utcMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** A datetime-local value ("2026-12-01T18:00") read in `timeZone`, as ISO 8601 in UTC; other text unchanged (the schema refuses it). */
export function zonedLocalToIso(value: string, timeZone: string): string {
  const m = LOCAL.exec(value.trim());
  if (!m) return value.trim();
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  let utc = wall - offsetMs(wall, timeZone);
  utc = wall - offsetMs(utc, timeZone); // a second pass settles instants next to a DST change
  return new Date(utc).toISOString();
}

/** An instant as the value of a datetime-local input in `timeZone`. */
export function isoToZonedLocal(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + offsetMs(at.getTime(), timeZone));
  return local.toISOString().slice(0, 16);
}

const PREFIXED = (form: FormData, prefix: string) =>
  [...form.keys()].filter((k, i, all) => k.startsWith(prefix) && all.indexOf(k) === i).map((k) => k.slice(prefix.length));

export function proposalBody(form: FormData, timeZone: string): { body: ProposalBody; origins: ArrayOrigins } {
  const text = (name: string) => optionalText(form, name) ?? undefined;
  const body: ProposalBody = { billing_account_id: String(form.get("billing_account_id") ?? "") };
  const origins: ArrayOrigins = { items: [], addOns: [], rows: [] };
  if (form.get("offer_type") === "items") {
    const rows = [...new Set(PREFIXED(form, "items.").map((k) => k.split(".")[0]!))];
    origins.rows = rows;
    const items: Array<{ price_id: string; quantity: number | string }> = [];
    for (const row of rows) {
      const priceId = text(`items.${row}.price_id`);
      if (!priceId) continue;
      origins.items.push(row);
      items.push({ price_id: priceId, quantity: text(`items.${row}.quantity`) === undefined ? 1 : integer(form, `items.${row}.quantity`) });
    }
    body.items = items;
  } else {
    body.plan_id = text("plan_id");
    const quantities: Record<string, number | string> = {};
    for (const priceId of PREFIXED(form, "quantities.")) if (text(`quantities.${priceId}`) !== undefined) quantities[priceId] = integer(form, `quantities.${priceId}`);
    if (Object.keys(quantities).length > 0) body.quantities = quantities;
    const addOns: Array<{ price_id: string; quantity: number | string }> = [];
    for (const priceId of PREFIXED(form, "add_ons.")) {
      const quantity = text(`add_ons.${priceId}`) === undefined ? 0 : integer(form, `add_ons.${priceId}`);
      if (quantity === 0) continue;
      origins.addOns.push(priceId);
      addOns.push({ price_id: priceId, quantity });
    }
    if (addOns.length > 0) body.add_ons = addOns;
  }
  const interval = text("billing_cycle.interval");
  if (interval) body.billing_cycle = { interval, interval_count: text("billing_cycle.interval_count") === undefined ? 1 : integer(form, "billing_cycle.interval_count") };
  if (text("trial_days") !== undefined) body.trial_days = integer(form, "trial_days");
  for (const name of ["coupon", "discount_code", "message"] as const) if (text(name) !== undefined) body[name] = text(name);
  const validUntil = text("valid_until");
  if (validUntil !== undefined) body.valid_until = zonedLocalToIso(validUntil, timeZone);
  return { body, origins };
}

/** "add_ons[0].price_id" -> ["add_ons", 0, "price_id"]. */
export const paramPath = (param: string): Array<string | number> => param.split(/[.[\]]+/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** The input a path is about: items[i] -> items.<row>.<field>, add_ons[i] -> add_ons.<price_id>, the rest joined with dots. */
export function inputName(path: ReadonlyArray<PropertyKey>, origins: ArrayOrigins): string {
  const [head, index, field] = path;
  if (head === "items" && typeof index === "number") return `items.${origins.items[index] ?? index}.${typeof field === "string" ? field : "price_id"}`;
  if (head === "items" && index === undefined && origins.rows[0] !== undefined) return `items.${origins.rows[0]}.price_id`;
  if (head === "add_ons" && typeof index === "number") return `add_ons.${origins.addOns[index] ?? index}`;
  return path.filter((p) => typeof p === "string" || typeof p === "number").join(".") || "_";
}
