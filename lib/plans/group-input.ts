import { z } from "zod";
import { slugField, text } from "@/lib/api/fields";

// Input rules for plan groups (a set of plans shown together, e.g. "Monthly" vs "Annual").
const position = z.number().int().min(0).max(1_000_000).meta({ description: "Display order, ascending" });

export const createPlanGroupInput = z.strictObject({
  name: text(200),
  slug: slugField,
  position: position.default(0),
});

// PATCH: declared without defaults (zod 4 applies a default even inside .optional()).
export const updatePlanGroupInput = z.strictObject({
  name: text(200).optional(),
  slug: slugField.optional(),
  position: position.optional(),
});

export type CreatePlanGroupInput = z.output<typeof createPlanGroupInput>;
export type UpdatePlanGroupInput = z.output<typeof updatePlanGroupInput>;
