// JSON responses. Every response the API sends goes through here.
export type ApiResult = { status?: number; body: unknown; lastModified?: Date; file?: FileBody };

/**
 * A non-JSON answer (a PDF): its bytes are produced only when the client's copy is stale, and
 * `etag`, when given, is the validator (otherwise one is taken over the bytes).
 */
export type FileBody = { contentType: string; headers?: Record<string, string>; etag?: string; bytes: () => Promise<Uint8Array> };

export const ok = (body: unknown, lastModified?: Date): ApiResult => ({ status: 200, body, lastModified });
export const created = (body: unknown): ApiResult => ({ status: 201, body });
export const file = (body: FileBody): ApiResult => ({ status: 200, body: null, file: body });

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** ISO 8601 UTC or null: the API's one datetime format. */
export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
