// The scopes an API key may be limited to: the `scope` each /api/v1 operation declares
// (lib/api/resources/*). An empty list means every scope; `x:write` implies `x:read`
// (requireScope in lib/api/authenticate.ts).
export const API_KEY_RESOURCES = [
  "billing_accounts", "catalog", "coupons", "credits", "domains", "invoices", "organization", "payment_methods",
  "payments", "plans", "portal", "proposals", "subscriptions", "usage", "webhooks",
] as const;

export const API_KEY_SCOPES = API_KEY_RESOURCES.flatMap((r) => [`${r}:read`, `${r}:write`] as const);

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
