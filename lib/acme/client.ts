import fs from "node:fs";
import https from "node:https";
import tls from "node:tls";
import * as acme from "acme-client";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { acmeAccounts } from "@/db/schema";
import { open, seal } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";

// The deployment's ACME account: one per directory URL, its key sealed at rest, registered with
// the CA on first use. acme-client talks through one shared axios instance, configured here.
export const ACCOUNT_KEY_PURPOSE = "acme-account-key";

export type AcmeSettings = { directoryUrl: string; email: string | null; caFile: string | null };

export function acmeSettings(): AcmeSettings {
  const e = env();
  return { directoryUrl: e.ACME_DIRECTORY_URL, email: e.ACME_EMAIL ?? null, caFile: e.ACME_CA_FILE ?? null };
}

type AxiosSettings = { acmeSettings: { retryMaxAttempts: number; retryDefaultDelay: number } };
let configuredCaFile: string | null | undefined;

/** Timeouts, fewer silent retries, and the extra CA (Pebble's, a private CA's) when configured. */
function configureHttp(caFile: string | null): void {
  if (configuredCaFile === caFile) return;
  const defaults = acme.axios.defaults as typeof acme.axios.defaults & AxiosSettings;
  defaults.timeout = 30_000;
  defaults.acmeSettings.retryMaxAttempts = 3;
  defaults.acmeSettings.retryDefaultDelay = 2;
  defaults.httpsAgent = caFile ? new https.Agent({ ca: [...tls.rootCertificates, fs.readFileSync(caFile, "utf8")] }) : undefined;
  configuredCaFile = caFile;
}

/** The account row for the directory, created (with a fresh key) by whichever node gets there first. */
async function accountRow(db: DbOrTx, directoryUrl: string) {
  const [existing] = await db.select().from(acmeAccounts).where(eq(acmeAccounts.directoryUrl, directoryUrl));
  if (existing) return existing;
  const key = await acme.crypto.createPrivateEcdsaKey("P-256");
  const [created] = await db
    .insert(acmeAccounts)
    .values({ directoryUrl, privateKeySealed: seal(key.toString(), ACCOUNT_KEY_PURPOSE) })
    .onConflictDoNothing()
    .returning();
  if (created) return created;
  const [winner] = await db.select().from(acmeAccounts).where(eq(acmeAccounts.directoryUrl, directoryUrl));
  return winner!;
}

const holder = globalThis as unknown as { __cicloAcme?: { key: string; client: acme.Client } };

/** A client signed in to the deployment's account (registered, contact up to date). */
export async function acmeClient(db: DbOrTx, settings: AcmeSettings = acmeSettings()): Promise<acme.Client> {
  configureHttp(settings.caFile);
  const row = await accountRow(db, settings.directoryUrl);
  const cacheKey = `${row.id} ${row.accountUrl} ${settings.email}`;
  if (holder.__cicloAcme?.key === cacheKey) return holder.__cicloAcme.client;

  const client = new acme.Client({
    directoryUrl: settings.directoryUrl,
    accountKey: open(row.privateKeySealed, ACCOUNT_KEY_PURPOSE),
    ...(row.accountUrl ? { accountUrl: row.accountUrl } : {}),
    // Polling of challenges and orders: 0.5 s, doubling to 10 s, about a minute and a half in all.
    backoffAttempts: 14,
    backoffMin: 500,
    backoffMax: 10_000,
  });
  const contact = settings.email ? [`mailto:${settings.email}`] : [];
  if (!row.accountUrl) await client.createAccount({ termsOfServiceAgreed: true, contact });
  else if (row.contactEmail !== settings.email) await client.updateAccount({ contact });
  if (!row.accountUrl || row.contactEmail !== settings.email) {
    await db
      .update(acmeAccounts)
      .set({ accountUrl: client.getAccountUrl(), contactEmail: settings.email, updatedAt: new Date() })
      .where(eq(acmeAccounts.id, row.id));
  }
  holder.__cicloAcme = { key: `${row.id} ${client.getAccountUrl()} ${settings.email}`, client };
  return client;
}

/** The CA's directory (for what acme-client does not read: `renewalInfo`). */
export async function acmeDirectory(settings: AcmeSettings = acmeSettings()): Promise<Record<string, unknown>> {
  configureHttp(settings.caFile);
  const res = await acme.axios.get<Record<string, unknown>>(settings.directoryUrl, { validateStatus: (s) => s === 200 });
  return res.data;
}
