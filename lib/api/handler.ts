import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDb, type DbOrTx } from "@/db";
import { AmountOutOfRangeError } from "@/lib/billing/money";
import { clientAddress } from "@/lib/client-ip";
import { isUniqueViolation } from "@/db/errors";
import { log } from "@/lib/log";
import { takeAfterSuccessTasks, withRequestContext } from "@/lib/request-context";
import { trustProxy } from "@/lib/tenancy/config";
import { authenticate, requireScope, type Tenant } from "./authenticate";
import { readJsonBody } from "./body";
import { etagFor, isNotModified } from "./conditional";
import { ApiError } from "./errors";
import { claimIdempotencyKey, completeIdempotencyKey, readIdempotencyKey, releaseIdempotencyKey, requestFingerprint } from "./idempotency";
import type { BodyOf, Operation, ParamsOf, QueryOf } from "./operation";
import { rateLimitError } from "./rate-limit";
import { recordRequest } from "./request-log";
import { jsonResponse, type ApiResult, type FileBody } from "./response";
import { assertStorableText, parseWith, queryObject } from "./validation";

export type HandlerContext<O extends Operation> = {
  req: Request;
  requestId: string;
  /** The database, or the request's transaction when an Idempotency-Key is in play. */
  db: DbOrTx;
  tenant: O["scope"] extends string ? Tenant : null;
  params: ParamsOf<O>;
  query: QueryOf<O>;
  body: BodyOf<O>;
};

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = ((req: Request, ctx: RouteContext) => Promise<Response>) & { operation: Operation };

const noQuery = z.strictObject({});

/**
 * Wraps an API route: Request-Id -> authentication -> rate limit -> content negotiation ->
 * validation -> idempotency -> handler -> ETag/Last-Modified -> request log. Every failure
 * leaves as the error envelope; nothing internal leaks.
 */
export function withApi<const O extends Operation>(op: O, handler: (ctx: HandlerContext<O>) => Promise<ApiResult>): RouteHandler {
  const route = async (req: Request, routeCtx: RouteContext): Promise<Response> => {
    const started = performance.now();
    const requestId = randomUUID();
    const url = new URL(req.url);
    const headers: Record<string, string> = { "Request-Id": requestId };
    let tenant: Tenant | null = null;
    let idempotencyKey: string | null = null;
    let errorCode: string | null = null;

    const response = await withRequestContext(requestId, async () => {
      try {
        const db = getDb();
        if (op.scope !== null) {
          const auth = await authenticate(db, req.headers.get("authorization"));
          tenant = auth.tenant;
          Object.assign(headers, auth.rate.headers);
          if (!auth.rate.allowed) throw rateLimitError(auth.rate);
          requireScope(auth.tenant, op.scope);
        }
        const rawBody = op.body ? await readJsonBody(req) : undefined;
        const params = op.params ? parseParams(op, await routeCtx.params) : {};
        const rawQuery = queryObject(url);
        assertStorableText(rawQuery);
        assertStorableText(rawBody);
        const query = parseWith(op.query ?? noQuery, rawQuery);
        const body = op.body ? parseWith(op.body, rawBody) : undefined;
        const ctx = { req, requestId, db, tenant, params, query, body } as HandlerContext<O>;

        idempotencyKey = op.method === "POST" && tenant ? readIdempotencyKey(req.headers) : null;
        const result = idempotencyKey
          ? await runIdempotent(ctx, tenant!, idempotencyKey, requestFingerprint(op.method, url.pathname, rawBody))
          : await handler(ctx);
        if ("replayed" in result) return jsonResponse(result.status, result.body, { ...headers, "Idempotent-Replayed": "true" });
        // Committed: now run what waited for it (webhook deliveries), without delaying the answer.
        for (const task of takeAfterSuccessTasks()) task().catch((error: unknown) => log.error("after-request task failed", { error }));
        return await render(req, result, headers); // awaited: a file failing to render is caught below
      } catch (error) {
        const apiError = toApiError(error, requestId);
        errorCode = apiError.code;
        return errorResponse(apiError, requestId, headers);
      }
    });

    const t = tenant as Tenant | null;
    recordRequest({
      organizationId: t?.organizationId ?? null,
      apiKeyId: t?.apiKeyId ?? null,
      requestId,
      method: req.method,
      path: url.pathname,
      status: response.status,
      durationMs: Math.round(performance.now() - started),
      errorCode,
      ip: clientIp(req),
      idempotencyKey,
    });
    return response;
  };

  async function runIdempotent(ctx: HandlerContext<O>, tenant: Tenant, key: string, fingerprint: string) {
    const db = getDb();
    const claim = await claimIdempotencyKey(db, tenant.organizationId, key, fingerprint);
    if (claim.kind === "replay") return { replayed: true as const, status: claim.status, body: claim.body };
    try {
      return await db.transaction(async (tx) => {
        const result = await handler({ ...ctx, db: tx });
        await completeIdempotencyKey(tx, claim.id, result.status ?? 200, result.body);
        return result;
      });
    } catch (error) {
      // A definite answer (4xx) is kept for replay; anything unexpected frees the key for a retry.
      if (error instanceof ApiError && error.status < 500) await completeIdempotencyKey(db, claim.id, error.status, error.body(ctx.requestId));
      else await releaseIdempotencyKey(db, claim.id);
      throw error;
    }
  }

  return Object.assign(route, { operation: op as Operation });
}

/** A malformed id cannot name anything: that is a 404, like an id of another tenant. */
function parseParams(op: Operation, raw: Record<string, unknown>): Record<string, unknown> {
  const result = op.params!.safeParse(raw);
  if (result.success) return result.data;
  const param = String(result.error.issues[0]?.path[0] ?? "id");
  const what = op.resourceName ?? op.tag.replace(/s$/, "").replaceAll("_", " ");
  throw new ApiError("resource_missing", `No such ${what}: '${String(raw[param] ?? "")}'`, { param });
}

function render(req: Request, result: ApiResult, headers: Record<string, string>): Response | Promise<Response> {
  const status = result.status ?? 200;
  if (result.file) return renderFile(req, status, result.file, headers);
  if (req.method !== "GET") return jsonResponse(status, result.body, headers);
  const payload = JSON.stringify(result.body);
  const etag = etagFor(payload);
  const validators: Record<string, string> = { ETag: etag };
  if (result.lastModified) validators["Last-Modified"] = result.lastModified.toUTCString();
  if (isNotModified(req.headers, etag, result.lastModified)) {
    return new Response(null, { status: 304, headers: { ...headers, ...validators, "cache-control": "no-cache" } });
  }
  return new Response(payload, {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-cache", ...headers, ...validators },
  });
}

/** A file (a PDF): its own content type; on GET, ETag and If-None-Match as for JSON (no Last-Modified). */
async function renderFile(req: Request, status: number, file: FileBody, headers: Record<string, string>): Promise<Response> {
  const cache = { "cache-control": "private, no-cache" };
  let bytes = file.etag && req.method === "GET" ? null : await file.bytes();
  const etag = req.method === "GET" ? (file.etag ?? etagFor(bytes!)) : null;
  if (etag && isNotModified(req.headers, etag)) return new Response(null, { status: 304, headers: { ...headers, ...cache, ETag: etag } });
  bytes ??= await file.bytes();
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    status,
    headers: { "content-type": file.contentType, ...cache, ...headers, ...file.headers, ...(etag ? { ETag: etag } : {}), "content-length": String(bytes.byteLength) },
  });
}

/**
 * Any thrown value as the API error it is: ApiError as is; a unique violation that a service
 * did not name is a 409; an amount the pricing library cannot compute exactly (quantities
 * times prices beyond 2^53 subcents) is a 422; anything else is logged and becomes a 500 that
 * says nothing internal.
 */
export function toApiError(error: unknown, requestId: string): ApiError {
  if (error instanceof ApiError) return error;
  if (isUniqueViolation(error)) return new ApiError("resource_conflict", "A resource with these unique values already exists");
  if (error instanceof AmountOutOfRangeError) {
    return new ApiError("validation_failed", "The quantities and prices involved are too large to bill exactly");
  }
  log.error("unhandled error in API handler", { error });
  return new ApiError("internal_error", `An unexpected error occurred. Contact support quoting request id ${requestId}.`);
}

export function errorResponse(apiError: ApiError, requestId: string, headers: Record<string, string>): Response {
  return jsonResponse(apiError.status, apiError.body(requestId), { ...headers, ...apiError.headers });
}

/** An error answered outside withApi (no route, unsupported method): the same envelope and Request-Id. */
export function standaloneErrorResponse(apiError: ApiError): Response {
  const requestId = randomUUID();
  return errorResponse(apiError, requestId, { "Request-Id": requestId });
}

function clientIp(req: Request): string | null {
  return clientAddress(req.headers, { trustProxy: trustProxy() }).ip;
}
