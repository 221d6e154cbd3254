// /api/v1/* with no route — the API's 404 in the error envelope (never an HTML page)
import { randomUUID } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { errorResponse } from "@/lib/api/handler";

function notFound(req: Request): Response {
  const requestId = randomUUID();
  const path = new URL(req.url).pathname;
  const error = new ApiError("route_not_found", `Unrecognized request URL (${req.method} ${path}); see /api/v1/openapi.json`);
  const response = errorResponse(error, requestId, { "Request-Id": requestId });
  response.headers.delete("x-error-code");
  return response;
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
