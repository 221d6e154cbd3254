import { and, eq, gt } from "drizzle-orm";
import postgres from "postgres";
import { getDb, type DbOrTx } from "@/db";
import { certificates, customDomains, organizations } from "@/db/schema";
import { CERTIFICATE_CHANNEL } from "@/lib/acme/certificate-events";
import { servingCertificateFor } from "@/lib/acme/store";
import { liveOrganizations, servableDomainCondition } from "@/lib/domains/guard";
import type { CertificateCache, CertificateSource } from "./certificate-cache";

// Where the TLS server's certificate cache reads from (the certificates lib/acme stores, under
// the same guard as issuance), and how every node hears of changes: LISTEN on the channel that
// lib/acme (store, renewal) and lib/domains (removal) notify, plus a full refresh on a schedule
// and after every reconnection of the listener (notifications sent while it was away are lost).

/** Certificates are served by real time, not the business clock (lib/clock): TLS clients check real time. */
export function databaseCertificateSource(db: DbOrTx = getDb()): CertificateSource {
  return {
    async servable() {
      const rows = await db
        .select({ hostname: certificates.hostname, serialNumber: certificates.serialNumber })
        .from(certificates)
        .innerJoin(customDomains, and(eq(customDomains.id, certificates.domainId), eq(customDomains.organizationId, certificates.organizationId)))
        .innerJoin(organizations, eq(organizations.id, customDomains.organizationId))
        .leftJoin(liveOrganizations, eq(liveOrganizations.id, organizations.liveOrganizationId))
        .where(and(servableDomainCondition(), gt(certificates.notAfter, new Date())));
      return new Map(rows.map((r) => [r.hostname, r.serialNumber]));
    },
    load: (hostname) => servingCertificateFor(hostname, db, new Date()),
  };
}

export type CertificateSync = { stop(): Promise<void> };

/**
 * Keeps `cache` in step with the database: LISTEN first, then the initial full refresh (so no
 * change falls between the two), then a full refresh every `refreshIntervalMs` (default 5 min).
 * Rejects when the database cannot be reached at start.
 */
export async function syncCertificateCache(
  cache: CertificateCache,
  input: { databaseUrl: string; refreshIntervalMs?: number; onError?: (message: string, error: unknown) => void },
): Promise<CertificateSync> {
  const onError = input.onError ?? (() => {});
  // A connection of its own: postgres.js keeps LISTEN on a dedicated connection and reconnects it.
  const sql = postgres(input.databaseUrl, { max: 1, onnotice: () => {}, connection: { application_name: "ciclo-tls" } });
  let listening = false;
  const refresh = () => cache.refresh().catch((error: unknown) => onError("refreshing the certificate index failed", error));
  try {
    await sql.listen(
      CERTIFICATE_CHANNEL,
      (hostname) => void cache.hostChanged(hostname),
      () => {
        if (listening) void refresh(); // a reconnection: catch up on what was missed
        listening = true;
      },
    );
    await cache.refresh();
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => {});
    throw error;
  }
  const timer = setInterval(() => void refresh(), input.refreshIntervalMs ?? 5 * 60_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await sql.end({ timeout: 5 });
    },
  };
}
