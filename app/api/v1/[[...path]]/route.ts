// /api/v1/* with no route — the API's 404 in the error envelope (never an HTML page)
import { ApiError } from "@/lib/api/errors";
import { standaloneErrorResponse } from "@/lib/api/handler";

function notFound(req: Request): Response {
  const path = new URL(req.url).pathname;
  return standaloneErrorResponse(new ApiError("route_not_found", `Unrecognized request URL (${req.method} ${path}); see /api/v1/openapi.json`));
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
