import type { DbOrTx } from "@/db";
import { portalTokens } from "@/db/schema";
import { now } from "@/lib/clock";
import { randomToken, sha256 } from "./crypto";

// One-time SSO values kept in portal_tokens (purpose `oidc_state`, the only SSO purpose the
// schema has; only hashes are stored, like every token):
// - the OIDC `state` of an authorization request, bound to the browser that started it, with
//   its nonce, PKCE verifier and where to go afterwards; 10 minutes, used once;
// - the `jti` of every signed SSO token accepted, so the same token cannot be used twice. Its
//   row is written already used, keyed by a hash that cannot collide with a state's
//   (`sso_jwt:jti:` prefix), and expires with the token. A dedicated `sso_jti` purpose would be
//   cleaner (reported as a schema need).
export const OIDC_STATE_TTL_MS = 10 * 60_000;

export type OidcStateData = { nonce: string; code_verifier: string; next: string };

export async function issueOidcState(db: DbOrTx, input: { organizationId: string; host: string; bindingValue: string; data: OidcStateData }): Promise<string> {
  const state = randomToken();
  await db.insert(portalTokens).values({
    organizationId: input.organizationId,
    portalUserId: null,
    purpose: "oidc_state",
    tokenHash: sha256(state),
    host: input.host.toLowerCase(),
    browserBindingHash: sha256(input.bindingValue),
    data: input.data,
    expiresAt: new Date(now().getTime() + OIDC_STATE_TTL_MS),
    createdAt: now(),
  });
  return state;
}

export function jtiKey(issuer: string | null, jti: string): string {
  return `sso_jwt:jti:${issuer ?? ""}:${jti}`;
}

/** Records a token's jti as used; false when it was used before (a replay). Atomic under concurrency (unique hash). */
export async function spendJti(db: DbOrTx, input: { organizationId: string; host: string; issuer: string | null; jti: string; expiresAt: Date }): Promise<boolean> {
  const at = now();
  const rows = await db
    .insert(portalTokens)
    .values({
      organizationId: input.organizationId,
      portalUserId: null,
      purpose: "oidc_state",
      tokenHash: sha256(`${input.organizationId}:${jtiKey(input.issuer, input.jti)}`),
      host: input.host.toLowerCase(),
      data: { kind: "sso_jwt_jti" },
      expiresAt: input.expiresAt,
      usedAt: at,
      createdAt: at,
    })
    .onConflictDoNothing({ target: portalTokens.tokenHash })
    .returning({ id: portalTokens.id });
  return rows.length === 1;
}
