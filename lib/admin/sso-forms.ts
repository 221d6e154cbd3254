import type { DbOrTx } from "@/db";
import { checkPortalSso, type SsoMethod } from "@/lib/portal-auth/sso-check";
import { updatePortalSso, updatePortalSsoInput } from "@/lib/portal/sso-settings";
import { echoValues, errorState, INVALID_MESSAGE, issuesToFields, optionalText, successState, type AdminFormState } from "./form-state";
import { failureState } from "./form-errors";

// The admin's SSO forms: the same input PATCH /api/v1/portal_settings/sso takes, the same zod
// schema and the same save (secrets sealed, write-only: a blank secret keeps the stored one).
const SECRETS = ["jwt.secret", "oidc.client_secret"] as const;

async function save(db: DbOrTx, organizationId: string, raw: unknown, prev: AdminFormState, values: Record<string, string>, done: string): Promise<AdminFormState> {
  const parsed = updatePortalSsoInput.safeParse(raw);
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
  try {
    await updatePortalSso(db, organizationId, parsed.data);
  } catch (error) {
    return failureState(prev, error, values);
  }
  return successState(prev, done, values);
}

export async function saveJwtForm(db: DbOrTx, organizationId: string, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form, SECRETS);
  if (form.get("intent") === "remove") return save(db, organizationId, { jwt: null }, prev, {}, "Signed-token sign-in configuration removed.");
  const algorithm = String(form.get("jwt.algorithm") ?? "");
  const secret = String(form.get("jwt.secret") ?? "");
  const jwt = {
    algorithm,
    ...(algorithm === "HS256" && secret !== "" ? { secret } : {}),
    ...(algorithm === "RS256" ? { jwks_url: optionalText(form, "jwt.jwks_url") } : {}),
    issuer: optionalText(form, "jwt.issuer"),
  };
  return save(db, organizationId, { jwt }, prev, values, "Saved. Use “Test” to check it.");
}

export async function saveOidcForm(db: DbOrTx, organizationId: string, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form, SECRETS);
  if (form.get("intent") === "remove") return save(db, organizationId, { oidc: null }, prev, {}, "OpenID Connect configuration removed.");
  const secret = String(form.get("oidc.client_secret") ?? "");
  const oidc = {
    issuer: optionalText(form, "oidc.issuer") ?? "",
    client_id: optionalText(form, "oidc.client_id") ?? "",
    ...(secret !== "" ? { client_secret: secret } : {}),
  };
  return save(db, organizationId, { oidc }, prev, values, "Saved. Use “Test” to check it.");
}

/** The saved configuration against the real IdP / JWKS / secret (lib/portal-auth/sso-check.ts). */
export async function testSsoForm(db: DbOrTx, organizationId: string, method: SsoMethod, prev: AdminFormState): Promise<AdminFormState> {
  try {
    const check = await checkPortalSso(db, organizationId, method);
    return { ...(check.ok ? successState(prev, check.message) : errorState(prev, check.message)), details: check.details };
  } catch (error) {
    return failureState(prev, error);
  }
}
