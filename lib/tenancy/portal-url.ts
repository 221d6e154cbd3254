// Where a tenant's portal lives: `<slug>.<root domain>` with the app URL's scheme and port
// (http://acme.localhost:3000 in dev, https://acme.ciclo.example.com in production).
export function portalUrl(appUrl: string, slug: string, rootDomain?: string): string {
  const u = new URL(appUrl);
  u.hostname = `${slug}.${rootDomain ?? u.hostname}`;
  u.pathname = "/";
  u.search = "";
  u.hash = "";
  return u.toString().replace(/\/$/, "");
}

/** The bare host name of a tenant's portal (what portal tokens are bound to). */
export function portalHostname(slug: string, rootDomain: string): string {
  return `${slug}.${rootDomain}`.toLowerCase();
}
