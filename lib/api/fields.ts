import { z } from "zod";
import { now } from "@/lib/clock";

// Field rules shared by API resources, so that the same kind of value is validated and
// described the same way everywhere.
export const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const slugField = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case letters, digits and single hyphens, e.g. pro-plan")
  .meta({ description: "URL-friendly identifier, unique per organization", examples: ["pro-plan"] });

/** Promo codes: case-insensitive, stored upper-case. */
export const promoCodeField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{2,63}$/, "use 3-64 letters, digits, - or _")
  .meta({ description: "Case-insensitive code customers type", examples: ["BLACKFRIDAY"] });

export const currencyField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as BRL")
  .meta({ description: "ISO 4217 currency code", examples: ["BRL"] });

export const idParams = z.strictObject({ id: z.uuid().meta({ description: "The object's id" }) });

/** A query-string boolean: `true` or `false`. */
export const booleanQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const bps = z.number().int().min(1).max(10_000).meta({ description: "Basis points: 10000 = 100%" });
export const cents = z.number().int().min(0).max(1e13);
export const positiveCents = z.number().int().min(1).max(1e13);
export const subcents = z.number().int().min(0).max(1e12);

/** Archived/active filter every catalog list accepts. */
export const statusFilter = z.enum(["active", "archived", "all"]).default("active");

/** An instant, ISO 8601 with an offset (Z or ±hh:mm), as a Date. */
export const datetimeInput = z
  .iso.datetime({ offset: true, error: "must be an ISO 8601 datetime such as 2026-01-31T23:59:59Z" })
  .transform((s) => new Date(s))
  // PostgreSQL's timestamptz (and sanity) stop at years 1..9999, counted in UTC.
  .refine((d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999, "must be between the years 1 and 9999 (UTC)");

export const futureDatetimeInput = datetimeInput.refine((d) => d.getTime() > now().getTime(), "must be in the future");
