import { and, eq, gt } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { acmeChallenges } from "@/db/schema";
import { now } from "@/lib/clock";
import { normalizeHost } from "@/lib/tenancy/host";

// HTTP-01 answers live in PostgreSQL, so whichever node the CA reaches on port 80 answers.
// The route /.well-known/acme-challenge/:token and the test's plain HTTP server both call
// answerHttp01Challenge: the one code path that serves the key authorization.
const TOKEN = /^[A-Za-z0-9_-]{16,256}$/;
const LIFETIME_MS = 60 * 60_000;

export async function storeChallenge(
  db: DbOrTx,
  input: { token: string; organizationId: string; domainId: string; hostname: string; keyAuthorization: string },
): Promise<void> {
  const expiresAt = new Date(now().getTime() + LIFETIME_MS);
  await db
    .insert(acmeChallenges)
    .values({ ...input, expiresAt })
    .onConflictDoUpdate({ target: acmeChallenges.token, set: { keyAuthorization: input.keyAuthorization, expiresAt } });
}

export async function removeChallenges(db: DbOrTx, scope: { organizationId: string; domainId: string }): Promise<void> {
  await db.delete(acmeChallenges).where(and(eq(acmeChallenges.domainId, scope.domainId), eq(acmeChallenges.organizationId, scope.organizationId)));
}

/**
 * The key authorization for `token`, only when asked on the host the challenge is for (the
 * Host header, port ignored); null otherwise. Looked up by token across organizations: the CA
 * knows nothing else.
 */
export async function answerHttp01Challenge(request: { host: string | null; token: string }, db: DbOrTx = getDb()): Promise<string | null> {
  const hostname = normalizeHost(request.host);
  if (!hostname || !TOKEN.test(request.token)) return null;
  const [row] = await db
    .select({ keyAuthorization: acmeChallenges.keyAuthorization })
    .from(acmeChallenges)
    .where(and(eq(acmeChallenges.token, request.token), eq(acmeChallenges.hostname, hostname), gt(acmeChallenges.expiresAt, now())));
  return row?.keyAuthorization ?? null;
}
