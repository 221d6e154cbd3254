import type { PasswordProblem } from "@/lib/portal-auth/password";

// How the Account, Profile and Settings sections' services answer a form: the value, or why
// not — a code the page words in the viewer's locale, and the fields it concerns (each with the
// validation's own message, for logs and the API-minded; the page shows its own words per field).
export type FormErrorCode =
  | "forbidden"
  | "not_found"
  | "invalid"
  | "state_conflict"
  | "wrong_password"
  | "policy"
  | "same_password"
  | "mismatch"
  | "same_email"
  | "email_taken"
  | "throttled"
  | "last_owner"
  | "self"
  | "current_session"
  | "failed";

export type FormFailure = { ok: false; error: FormErrorCode; fields: Record<string, string>; problem?: PasswordProblem };
export type FormResult<T> = { ok: true; value: T } | FormFailure;

export const formOk = <T>(value: T): FormResult<T> => ({ ok: true, value });

export const formFail = (error: FormErrorCode, fields: Record<string, string> = {}, problem?: PasswordProblem): FormFailure =>
  problem ? { ok: false, error, fields, problem } : { ok: false, error, fields };

/** Zod issues as { field: message }, the field being the last path segment ("tax_address.state" -> "state"); the first issue per field wins. */
export function fieldIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[issue.path.length - 1] ?? "_");
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * A field form between submissions (useActionState), worded for the viewer: a message, the
 * message under each field, the values to show again (never passwords), and a counter that
 * changes with every answer so the fields take those values.
 */
export type FieldFormState = { status: "idle" | "success" | "error"; message: string | null; fields: Record<string, string>; values: Record<string, string> | null; seq: number };

export const IDLE_FIELD_FORM: FieldFormState = { status: "idle", message: null, fields: {}, values: null, seq: 0 };

export type FieldWords<T> = {
  success: (value: T) => string;
  errors: Record<FormErrorCode, string>;
  /** The message under each field the server refused, by field name. */
  fields?: Record<string, string>;
  /** Under a field without its own message. */
  fallback: string;
  /** Words for a password the policy refused (shown under the `password` field). */
  problem?: (problem: PasswordProblem) => string;
};

/**
 * A service's answer as the next form state; `values` are shown again in the fields (null: the
 * page's own). Under a refused field: for invalid input that field's own words, for any other
 * refusal the refusal itself (and the message on top points at the fields).
 */
export function toFieldState<T>(result: FormResult<T>, previous: FieldFormState, words: FieldWords<T>, values: Record<string, string> | null): FieldFormState {
  const seq = previous.seq + 1;
  if (result.ok) return { status: "success", message: words.success(result.value), fields: {}, values, seq };
  const fields: Record<string, string> = {};
  for (const name of Object.keys(result.fields)) {
    fields[name] = result.error === "invalid" ? (words.fields?.[name] ?? words.fallback) : words.errors[result.error];
  }
  if (result.problem && words.problem) fields.password = words.problem(result.problem);
  const message = Object.keys(fields).length > 0 ? words.errors.invalid : words.errors[result.error];
  return { status: "error", message, fields, values, seq };
}
