// Deployment settings the host dispatch needs, read straight from the environment: the proxy
// runs on every request and must not fail because an unrelated variable is invalid.

/** The root domain: `<slug>.<root>` are tenant portals, `api.<root>` the API. */
export function rootDomain(): string {
  return process.env.ROOT_DOMAIN || "localhost";
}

/** Whether `X-Forwarded-Host` comes from our own reverse proxy and may be believed. */
export function trustProxy(): boolean {
  return process.env.TRUST_PROXY === "1";
}
