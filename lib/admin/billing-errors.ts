import { ApiError } from "@/lib/api/errors";
import { failureState, refused } from "./form-errors";
import { errorState, type AdminFormState } from "./form-state";

/**
 * A service's refusal of a record action (finalize, void, cancel…) as a form state: another
 * organization's id is "not found: nothing was changed"; a refusal naming one of the form's own
 * fields goes under that field; any other refusal ("This invoice is already finalized") is the
 * form's message — the buttons have no field called `status` to show it under.
 */
export function actionRefused(prev: AdminFormState, error: unknown, what: string, formFields: readonly string[] = [], values: Record<string, string> | null = null): AdminFormState {
  if (error instanceof ApiError && error.code === "resource_missing") return refused(prev, error, what);
  if (error instanceof ApiError && error.status < 500 && !(error.param && formFields.includes(error.param))) {
    const sentence = error.message.replace(/^Invalid ([^:]+): /, "$1 ");
    return errorState(prev, /[.!?]$/.test(sentence) ? sentence : `${sentence}.`, {}, values);
  }
  return failureState(prev, error, values);
}
