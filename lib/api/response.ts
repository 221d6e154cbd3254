// JSON responses. Every response the API sends goes through here.
export type ApiResult = { status?: number; body: unknown; lastModified?: Date };

export const ok = (body: unknown, lastModified?: Date): ApiResult => ({ status: 200, body, lastModified });
export const created = (body: unknown): ApiResult => ({ status: 201, body });

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** ISO 8601 UTC or null: the API's one datetime format. */
export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
