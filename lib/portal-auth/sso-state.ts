import type { DbOrTx } from "@/db";
import { portalTokens } from "@/db/schema";
import { now } from "@/lib/clock";
import { sha256 } from "./crypto";

// One-time SSO values kept in portal_tokens (only hashes are stored, like every token):
// - purpose `oidc_state`: the OIDC `state` of an authorization request, bound to the browser that
//   started it, with its nonce, PKCE verifier and where to go afterwards; 10 minutes, used once
//   (issued by tokens.ts like every link);
// - purpose `sso_jti`: the `jti` of every signed SSO token accepted, so the same token cannot be
//   used twice. Its row is written already used, keyed by a hash of organization + issuer + jti
//   (the `sso_jwt:jti:` prefix keeps it apart from any state's hash), and expires with the token.
//   The unique token_hash decides, whatever the purpose: a jti recorded before `sso_jti` existed
//   (as `oidc_state`) is still a replay.
export type OidcStateData = { nonce: string; code_verifier: string; next: string };

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
      purpose: "sso_jti",
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
