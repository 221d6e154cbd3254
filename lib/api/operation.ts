import type { z } from "zod";

// An operation is the single declaration of an API route: the wrapper validates with its
// schemas and the OpenAPI document is generated from the very same objects.
export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;

export type Operation = {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path relative to /api/v1, e.g. `/billing_accounts/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Required scope; `null` for public operations (no API key). */
  scope: string | null;
  params?: AnyObjectSchema;
  query?: AnyObjectSchema;
  body?: AnyObjectSchema;
  response: z.ZodType;
  /** A non-JSON success body (`application/pdf`): documented as binary, `response` is then unused. */
  responseContentType?: string;
  successStatus?: 200 | 201;
  /** Paginated list operation (documents cursor/limit and the list envelope). */
  list?: boolean;
  /** What a malformed path id is said not to be ("No such billing account"); defaults to the tag, singular. */
  resourceName?: string;
  /** Error codes this operation can return besides the platform's common ones. */
  errors?: string[];
};

export function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
export type ParamsOf<O extends Operation> = Out<O["params"]>;
export type QueryOf<O extends Operation> = Out<O["query"]>;
export type BodyOf<O extends Operation> = Out<O["body"]>;
