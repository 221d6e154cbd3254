// Who is asking: carried into the access log and the session row.
export type RequestInfo = { ip: string | null; userAgent: string | null };

export const NO_REQUEST_INFO: RequestInfo = { ip: null, userAgent: null };

type HeaderReader = { get(name: string): string | null };

/** IP (first X-Forwarded-For hop, else X-Real-IP) and User-Agent, truncated for storage. */
export function requestInfoFrom(headers: HeaderReader): RequestInfo {
  const ip = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || null;
  const ua = headers.get("user-agent");
  return { ip: ip ? ip.slice(0, 64) : null, userAgent: ua ? ua.slice(0, 512) : null };
}
