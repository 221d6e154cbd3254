import { z } from "zod";
import { ApiError } from "./errors";

// zod issues -> one 422 naming the offending parameter (dotted path: tax_address.postal_code).
export function paramPath(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  return path.map((p) => (typeof p === "number" ? `[${p}]` : String(p))).join(".").replaceAll(".[", "[");
}

export function validationError(error: z.ZodError, prefix: string | null = null): ApiError {
  const issue = error.issues[0]!;
  let path: PropertyKey[] = [...issue.path];
  let message = issue.message;
  if (issue.code === "unrecognized_keys") {
    path = [...path, issue.keys[0]!];
    message = `Unknown parameter '${issue.keys[0]}'`;
  } else if ((issue.code === "invalid_type" || issue.code === "invalid_value") && issue.input === undefined && path.length > 0) {
    const options = issue.code === "invalid_value" ? issue.values.map(String).join(", ") : null;
    message = options ? `This field is required: one of ${options}` : "This field is required";
  }
  const param = paramPath(prefix ? [prefix, ...path] : path);
  const text = param ? `Invalid ${param}: ${message}` : `Invalid request: ${message}`;
  return new ApiError("validation_failed", text, { param });
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown, prefix: string | null = null): z.output<S> {
  // reportInput: zod 4 leaves issue.input out otherwise, and "missing" could not be told from "wrong type".
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw validationError(result.error, prefix);
  return result.data;
}

/** Query strings arrive as strings; repeated keys become arrays. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/**
 * PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate would be stored mangled:
 * refuse both anywhere in the input (keys included), naming where. Runs on every request body:
 * the common case walks without allocating, and only a refusal goes back to find the path.
 */
export function assertStorableText(value: unknown, path: PropertyKey[] = []): void {
  if (isStorable(value)) return;
  if (typeof value === "string") {
    const param = paramPath(path);
    throw new ApiError("validation_failed", `Invalid ${param ?? "request"}: text must be valid Unicode without NUL characters`, { param });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertStorableText(v, [...path, i]));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      assertStorableText(k, [...path, k]);
      assertStorableText(v, [...path, k]);
    }
  }
}

const badText = (s: string) => s.includes("\u0000") || !s.isWellFormed();

function isStorable(value: unknown): boolean {
  if (typeof value === "string") return !badText(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isStorable(value[i])) return false;
    return true;
  }
  if (value && typeof value === "object") {
    for (const k of Object.keys(value)) if (badText(k) || !isStorable((value as Record<string, unknown>)[k])) return false;
  }
  return true;
}
