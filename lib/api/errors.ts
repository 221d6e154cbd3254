// The one API error type. A code maps to its HTTP status and error type; handlers throw
// ApiError and the wrapper renders the envelope {"error":{type,code,message,param,request_id}}.

const codes = {
  invalid_json: [400, "invalid_request_error"],
  unsupported_content_type: [400, "invalid_request_error"],
  body_too_large: [400, "invalid_request_error"],
  body_incomplete: [400, "invalid_request_error"],
  invalid_idempotency_key: [400, "invalid_request_error"],
  missing_api_key: [401, "authentication_error"],
  invalid_api_key: [401, "authentication_error"],
  api_key_revoked: [401, "authentication_error"],
  insufficient_scope: [403, "permission_error"],
  sandbox_only: [403, "permission_error"],
  invalid_signature: [400, "invalid_request_error"],
  organization_suspended: [403, "permission_error"],
  resource_missing: [404, "invalid_request_error"],
  route_not_found: [404, "invalid_request_error"],
  method_not_allowed: [405, "invalid_request_error"],
  resource_conflict: [409, "invalid_request_error"],
  resource_archived: [409, "invalid_request_error"],
  idempotency_request_in_progress: [409, "idempotency_error"],
  validation_failed: [422, "invalid_request_error"],
  reference_not_found: [422, "invalid_request_error"],
  idempotency_key_reused: [422, "idempotency_error"],
  rate_limited: [429, "rate_limit_error"],
  internal_error: [500, "api_error"],
  service_unavailable: [503, "api_error"],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof codes;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly param: string | null;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: { param?: string | null; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.param = options.param ?? null;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return codes[this.code][0];
  }

  get type(): string {
    return codes[this.code][1];
  }

  body(requestId: string) {
    return { error: { type: this.type, code: this.code, message: this.message, param: this.param, request_id: requestId } };
  }
}

/** A 422 naming the field, in the message format zod validation errors use. */
export const invalid = (param: string, message: string) => new ApiError("validation_failed", `Invalid ${param}: ${message}`, { param });

export const notFound = (what: string, id: string, param = "id") =>
  new ApiError("resource_missing", `No such ${what}: '${id}'`, { param });

export const errorStatuses = Object.fromEntries(Object.entries(codes).map(([code, [status, type]]) => [code, { status, type }]));
