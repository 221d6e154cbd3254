import { ApiError } from "./errors";
import { standaloneErrorResponse } from "./handler";
import type { HttpMethod } from "./operation";

// The answers a route gives to the HTTP methods it does not implement: 405 in the error
// envelope with an Allow header (Next's own 405 has neither, nor a Request-Id).
const ALL: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export type UnsupportedHandler = ((req: Request) => Response) & { unsupported: true };

export function methodsNotAllowed(...allowed: HttpMethod[]): Record<HttpMethod, UnsupportedHandler> {
  const allow = allowed.join(", ");
  const handler = (req: Request) =>
    standaloneErrorResponse(new ApiError("method_not_allowed", `${req.method} is not supported here; use ${allow}`, { headers: { Allow: allow } }));
  const out = {} as Record<HttpMethod, UnsupportedHandler>;
  for (const method of ALL) if (!allowed.includes(method)) out[method] = Object.assign(handler, { unsupported: true as const });
  return out;
}
