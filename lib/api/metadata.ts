import { z } from "zod";
import { ApiError } from "./errors";

// Metadata: the merchant's key-value pairs on a resource. Created whole; PATCHed by merging.
export const MAX_METADATA_KEYS = 50;

export const metadataInput = z
  .record(z.string().min(1).max(40, "keys are at most 40 characters"), z.string().max(500, "values are at most 500 characters"))
  .refine((m) => Object.keys(m).length <= MAX_METADATA_KEYS, `at most ${MAX_METADATA_KEYS} keys`)
  .meta({ description: "Your key-value pairs (up to 50; keys 40, values 500 characters)" });

export const metadataPatchInput = z
  .record(z.string().min(1).max(40, "keys are at most 40 characters"), z.string().max(500, "values are at most 500 characters").nullable())
  .meta({ description: "Merged into the existing metadata; set a key to \"\" or null to remove it" });

/** current + patch: a key set to "" or null is removed; more than 50 keys is a 422 on `metadata`. */
export function mergeMetadata(current: Record<string, string>, patch: Record<string, string | null>): Record<string, string> {
  const merged: Record<string, string> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === "") delete merged[k];
    else merged[k] = v;
  }
  if (Object.keys(merged).length > MAX_METADATA_KEYS) throw new ApiError("validation_failed", `Invalid metadata: at most ${MAX_METADATA_KEYS} keys`, { param: "metadata" });
  return merged;
}
