import { drizzle } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import { schema } from "@/db";
import { seal } from "@/lib/crypto/secret-box";
import { attemptDelivery } from "@/lib/webhooks/deliver";

// The e2e server runs without job workers (CICLO_WORKERS=off, scripts/support/next-server.ts),
// so a spec that needs webhooks delivered plays the `webhooks.deliver` worker itself, with lib's
// own attemptDelivery. The server's APP_SECRET is a throwaway the spec cannot read: the
// endpoint's signing secret (shown once on the page) is sealed again with this process's key
// first, so the deliveries are signed with the secret the merchant was shown.
export async function adoptEndpointSecret(sql: Sql, endpointUrl: string, signingSecret: string): Promise<string> {
  process.env.APP_SECRET ??= "e2e-webhook-worker-secret-0123456789abcdef";
  const rows = await sql<{ id: string }[]>`
    update webhook_endpoints set secret_ciphertext = ${seal(signingSecret, "webhook-secret")} where url = ${endpointUrl} returning id`;
  if (rows.length !== 1) throw new Error(`expected one endpoint at ${endpointUrl}, found ${rows.length}`);
  return rows[0]!.id;
}

/** One attempt for each of the endpoint's due deliveries (what the worker does for each queued job). */
export async function deliverDue(sql: Sql, endpointId: string): Promise<number> {
  const db = drizzle(sql, { schema });
  const due = await sql<{ id: string }[]>`
    select id from webhook_deliveries where endpoint_id = ${endpointId} and status = 'pending' and next_attempt_at <= now()`;
  for (const { id } of due) await attemptDelivery(db as never, id);
  return due.length;
}
