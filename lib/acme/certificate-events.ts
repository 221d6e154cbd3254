import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";

// Every node's TLS server keeps the certificates it serves in memory (lib/server/certificate-cache.ts)
// and LISTENs on this channel: whoever stores, renews or deletes a domain's certificate notifies
// it with the host name, and each node reloads that host. Inside a transaction PostgreSQL
// delivers the notification at commit (never for a rollback), so listeners read committed rows.
export const CERTIFICATE_CHANNEL = "ciclo_certificates";

export async function notifyCertificateChanged(db: DbOrTx, hostname: string): Promise<void> {
  await db.execute(sql`select pg_notify(${CERTIFICATE_CHANNEL}, ${hostname})`);
}
