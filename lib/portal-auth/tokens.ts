import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { portalTokens, type PortalToken, type PortalTokenPurpose } from "@/db/schema";
import { now } from "@/lib/clock";
import { randomToken, sameHash, sha256 } from "./crypto";

// One-time tokens (magic link, invite, password reset, deep link): 256 random bits sent to
// the user, only the SHA-256 stored; valid until expires_at, once, and only on the host they
// were issued for. A magic link may also be bound to the requesting browser.
export const TOKEN_TTL_MS = {
  magic_link: 15 * 60_000,
  password_reset: 60 * 60_000,
  invite: 7 * 24 * 3_600_000,
  deep_link: 5 * 60_000,
  email_change: 24 * 3_600_000, // a confirmation sent to a new address (lib/portal/email-change.ts)
  oidc_state: 10 * 60_000, // an OIDC authorization request in flight (oidc.ts, sso-state.ts)
} as const satisfies Partial<Record<PortalTokenPurpose, number>>;

export type IssuedToken = { token: string; id: string; expiresAt: Date };

export async function issueToken(
  db: DbOrTx,
  input: {
    organizationId: string;
    portalUserId: string | null;
    purpose: keyof typeof TOKEN_TTL_MS;
    host: string;
    bindingValue?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<IssuedToken> {
  const token = randomToken();
  const at = now(); // one instant: expires_at - created_at is exactly the TTL
  const expiresAt = new Date(at.getTime() + TOKEN_TTL_MS[input.purpose]);
  const [row] = await db
    .insert(portalTokens)
    .values({
      organizationId: input.organizationId,
      portalUserId: input.portalUserId,
      purpose: input.purpose,
      tokenHash: sha256(token),
      host: input.host.toLowerCase(),
      browserBindingHash: input.bindingValue ? sha256(input.bindingValue) : null,
      data: input.data ?? {},
      expiresAt,
      createdAt: at,
    })
    .returning({ id: portalTokens.id });
  return { token, id: row!.id, expiresAt };
}

export type TokenRefusal = "invalid" | "expired" | "used" | "wrong_host" | "other_browser";
/** `sameBrowser`: the link was bound to a browser and this request carries that binding. */
export type TokenCheck = { ok: true; row: PortalToken; sameBrowser: boolean } | { ok: false; reason: TokenRefusal; row: PortalToken | null };

/**
 * Checks a token without using it up (the reset form shows only for a valid one). A browser
 * that carries a *different* binding than the one the link was requested from is refused; a
 * browser with none (the email opened on another device) is accepted.
 */
export async function checkToken(
  db: DbOrTx,
  input: { organizationId: string; purposes: readonly PortalTokenPurpose[]; token: string | null | undefined; host: string; bindingValue?: string | null; lock?: boolean },
): Promise<TokenCheck> {
  if (!input.token || input.token.length > 200) return { ok: false, reason: "invalid", row: null };
  const query = db
    .select()
    .from(portalTokens)
    .where(and(eq(portalTokens.tokenHash, sha256(input.token)), eq(portalTokens.organizationId, input.organizationId)));
  const [row] = input.lock ? await query.for("update") : await query;
  if (!row || !input.purposes.includes(row.purpose)) return { ok: false, reason: "invalid", row: null };
  if (row.host !== input.host.toLowerCase()) return { ok: false, reason: "wrong_host", row };
  if (row.usedAt) return { ok: false, reason: "used", row };
  if (row.expiresAt.getTime() <= now().getTime()) return { ok: false, reason: "expired", row };
  if (row.browserBindingHash && input.bindingValue && !sameHash(row.browserBindingHash, sha256(input.bindingValue))) {
    return { ok: false, reason: "other_browser", row };
  }
  return { ok: true, row, sameBrowser: Boolean(row.browserBindingHash && input.bindingValue) };
}

/** checkToken, then marks it used; of two concurrent uses exactly one succeeds (row lock + used_at is null). */
export async function consumeToken(db: DbOrTx, input: Parameters<typeof checkToken>[1]): Promise<TokenCheck> {
  return db.transaction(async (tx) => {
    const check = await checkToken(tx, { ...input, lock: true });
    if (!check.ok) return check;
    const [used] = await tx
      .update(portalTokens)
      .set({ usedAt: now() })
      .where(and(eq(portalTokens.id, check.row.id), isNull(portalTokens.usedAt)))
      .returning();
    return used ? { ok: true as const, row: used, sameBrowser: check.sameBrowser } : { ok: false as const, reason: "used" as const, row: check.row };
  });
}

/** Unused, unexpired tokens of a purpose issued to a user recently (throttles email floods). */
export async function countRecentTokens(db: DbOrTx, input: { organizationId: string; portalUserId: string; purpose: PortalTokenPurpose; sinceMs: number }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(portalTokens)
    .where(
      and(
        eq(portalTokens.organizationId, input.organizationId),
        eq(portalTokens.portalUserId, input.portalUserId),
        eq(portalTokens.purpose, input.purpose),
        gt(portalTokens.createdAt, new Date(now().getTime() - input.sinceMs)),
      ),
    );
  return row?.n ?? 0;
}

/** Voids a user's outstanding tokens of some purposes (a reset used voids the other reset links). */
export async function voidTokens(db: DbOrTx, input: { organizationId: string; portalUserId: string; purposes: readonly PortalTokenPurpose[] }): Promise<void> {
  for (const purpose of input.purposes) {
    await db
      .update(portalTokens)
      .set({ usedAt: now() })
      .where(and(eq(portalTokens.organizationId, input.organizationId), eq(portalTokens.portalUserId, input.portalUserId), eq(portalTokens.purpose, purpose), isNull(portalTokens.usedAt)));
  }
}
