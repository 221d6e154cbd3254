import { drizzle } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import { schema } from "@/db";
import { open } from "@/lib/crypto/secret-box";
import { attemptDelivery } from "@/lib/webhooks/deliver";
import { e2eAppSecret } from "./app-secret";

// The e2e server runs without job workers (CICLO_WORKERS=off, scripts/support/next-server.ts),
// so a spec that needs webhooks delivered plays the `webhooks.deliver` worker itself, with lib's
// own attemptDelivery, under the server's own APP_SECRET (e2e/server.ts writes it for specs).

/** The endpoint at `endpointUrl`, whose stored secret must be the one the merchant was shown. */
export async function endpointWithSecret(sql: Sql, endpointUrl: string, signingSecret: string): Promise<string> {
  process.env.APP_SECRET = e2eAppSecret();
  const rows = await sql<{ id: string; secret_ciphertext: string }[]>`select id, secret_ciphertext from webhook_endpoints where url = ${endpointUrl}`;
  if (rows.length !== 1) throw new Error(`expected one endpoint at ${endpointUrl}, found ${rows.length}`);
  if (open(rows[0]!.secret_ciphertext, "webhook-secret") !== signingSecret) throw new Error("the stored signing secret is not the one the page showed");
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
