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
  } else if (issue.code === "invalid_type" && issue.input === undefined) {
    message = "This field is required";
  }
  const param = paramPath(prefix ? [prefix, ...path] : path);
  const text = param ? `Invalid ${param}: ${message}` : `Invalid request: ${message}`;
  return new ApiError("validation_failed", text, { param });
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown, prefix: string | null = null): z.output<S> {
  const result = schema.safeParse(input);
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
