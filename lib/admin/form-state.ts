// What an admin form holds between submissions (useActionState): a message, the message under
// each field (keyed by the input's name, which is the API's dotted path: "branding.primary_color"),
// the values to show again, and a counter that changes with every answer. Plain data, and no
// server-only imports: client components import it too (form-errors.ts has the server side).
import { isUuid, NIL_UUID } from "@/lib/uuid";

export type AdminFormState = {
  status: "idle" | "success" | "error";
  message: string | null;
  fields: Record<string, string>;
  values: Record<string, string> | null;
  seq: number;
  /** Extra lines under the message (the SSO test's findings). */
  details?: string[];
  /** A secret to show once (a new API key, a webhook signing secret): never stored in the page. */
  secret?: { label: string; value: string };
};

export const IDLE_FORM: AdminFormState = { status: "idle", message: null, fields: {}, values: null, seq: 0 };

type Issue = { path: ReadonlyArray<PropertyKey>; message: string };

/** Zod's path as the form's field name: ["allowed_return_origins", 0] -> "allowed_return_origins". */
export function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.filter((p) => typeof p === "string").join(".") || "_";
}

/** Zod's generic type messages in words (a form sends text; the schema expects numbers). */
function worded(message: string): string {
  if (/expected number/.test(message)) return "must be a whole number";
  if (/expected string, received null|expected string, received undefined/.test(message)) return "is required";
  return message;
}

export function issuesToFields(issues: ReadonlyArray<Issue>, prefix = ""): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const name = `${prefix}${fieldName(issue.path)}`;
    fields[name] ??= worded(issue.message);
  }
  return fields;
}

const seqOf = (prev: AdminFormState) => prev.seq + 1;

export const successState = (prev: AdminFormState, message: string, values: Record<string, string> | null = null): AdminFormState => ({
  status: "success", message, fields: {}, values, seq: seqOf(prev),
});

export const errorState = (prev: AdminFormState, message: string, fields: Record<string, string> = {}, values: Record<string, string> | null = null): AdminFormState => ({
  status: "error", message, fields, values, seq: seqOf(prev),
});

export const INVALID_MESSAGE = "Nothing was saved: correct the fields marked below.";

/** The form's text fields, to show again after an answer (never secrets or files). */
export function echoValues(form: FormData, secretNames: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || name.startsWith("$") || secretNames.includes(name)) continue;
    values[name] = values[name] !== undefined ? `${values[name]}\n${value}` : value;
  }
  return values;
}

/** A text input: trimmed, empty as null. */
export function optionalText(form: FormData, name: string): string | null {
  const raw = form.get(name);
  if (typeof raw !== "string") return null;
  const value = raw.trim();
  return value === "" ? null : value;
}

export const checked = (form: FormData, name: string) => form.get(name) === "on";

/** A whole number, or the raw text when it is not one (zod then names the field). */
export function integer(form: FormData, name: string): number | string {
  const raw = String(form.get(name) ?? "").trim();
  return /^-?\d{1,9}$/.test(raw) ? Number(raw) : raw;
}

/** A staff service's answer (lib/staff/result.ts) as a form state. */
export function resultState(prev: AdminFormState, result: { ok: true } | { ok: false; message: string; field?: string }, success: string): AdminFormState {
  if (result.ok) return successState(prev, success);
  return result.field ? errorState(prev, INVALID_MESSAGE, { [result.field]: result.message }) : errorState(prev, result.message);
}

/** The organization an admin form works on: the one in the URL, live or sandbox. */
export type OrgScope = { organizationId: string; mode: "live" | "test" };

/** The row id the form names; anything that is not a UUID becomes the nil UUID, which matches no row (so: not found). */
export const idOf = (form: FormData, name = "id") => {
  const id = String(form.get(name) ?? "");
  return isUuid(id) ? id : NIL_UUID;
};
