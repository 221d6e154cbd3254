// The host the client asked for. `request.url` in Next says localhost, so read the header;
// `X-Forwarded-Host` only when the deployment says a proxy of its own sets it.

type HeaderReader = { get(name: string): string | null };

export function requestHostHeader(headers: HeaderReader, options: { trustProxy: boolean }): string | null {
  if (options.trustProxy) {
    // A chain of proxies appends: the first entry is what the client sent to the outermost one.
    const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get("host");
}
