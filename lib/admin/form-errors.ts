import { ApiError } from "@/lib/api/errors";
import { log } from "@/lib/log";
import { StorageError } from "@/lib/storage/store";
import { errorState, INVALID_MESSAGE, type AdminFormState } from "./form-state";

/**
 * A refusal from lib (an ApiError naming a param, a storage limit) as a form state; anything
 * else is logged and worded generically — a form never answers with a 500.
 */
export function failureState(prev: AdminFormState, error: unknown, values: Record<string, string> | null = null, prefix = ""): AdminFormState {
  if (error instanceof ApiError && error.param) {
    const message = error.message.replace(/^Invalid [^:]+: /, "");
    return errorState(prev, INVALID_MESSAGE, { [`${prefix}${error.param}`]: message }, values);
  }
  if (error instanceof ApiError && error.status < 500) return errorState(prev, error.message, {}, values);
  if (error instanceof StorageError) return errorState(prev, `Nothing was saved: ${error.message}.`, {}, values);
  log.error("admin form failed", { error });
  return errorState(prev, "Something went wrong and nothing was saved. Please try again.", {}, values);
}

/** "Not found" (another organization's id, a row already gone) as a sentence naming `what`, not a field error. */
export function refused(prev: AdminFormState, error: unknown, what: string, values: Record<string, string> | null = null): AdminFormState {
  if (error instanceof ApiError && error.code === "resource_missing") return errorState(prev, `This ${what} was not found: nothing was changed.`);
  return failureState(prev, error, values);
}
