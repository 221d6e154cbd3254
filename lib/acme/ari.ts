import * as acme from "acme-client";
import { acmeDirectory, type AcmeSettings } from "./client";

// ACME Renewal Information (RFC 9773), which acme-client does not implement: the CA suggests
// a window in which to renew each certificate (earlier when it plans to revoke it).
export type RenewalInfo = { start: Date; end: Date; retryAfterSeconds: number; explanationUrl: string | null };

const DIRECTORY_TTL_MS = 60 * 60_000;
let directoryCache: { url: string; at: number; renewalInfo: string | null } | undefined;

/** The directory's `renewalInfo` URL, or null when the CA does not offer ARI. */
export async function renewalInfoUrl(settings: AcmeSettings): Promise<string | null> {
  if (directoryCache?.url === settings.directoryUrl && Date.now() - directoryCache.at < DIRECTORY_TTL_MS) return directoryCache.renewalInfo;
  const directory = await acmeDirectory(settings);
  const renewalInfo = typeof directory.renewalInfo === "string" ? directory.renewalInfo : null;
  directoryCache = { url: settings.directoryUrl, at: Date.now(), renewalInfo };
  return renewalInfo;
}

/** Seconds in Retry-After (delta or HTTP date), kept between one hour and one day. */
function retryAfterSeconds(header: unknown): number {
  const raw = typeof header === "string" ? header.trim() : "";
  let seconds = /^\d+$/.test(raw) ? Number(raw) : (Date.parse(raw) - Date.now()) / 1000;
  if (!Number.isFinite(seconds)) seconds = 6 * 3600;
  return Math.min(Math.max(Math.round(seconds), 3600), 86_400);
}

/** GET {renewalInfo}/{certID}: unauthenticated, per RFC 9773 §4.2. */
export async function fetchRenewalInfo(baseUrl: string, certId: string): Promise<RenewalInfo> {
  const res = await acme.axios.get<{ suggestedWindow?: { start?: string; end?: string }; explanationURL?: string }>(
    `${baseUrl.replace(/\/$/, "")}/${certId}`,
    { validateStatus: (s) => s === 200 },
  );
  const start = new Date(res.data.suggestedWindow?.start ?? "");
  const end = new Date(res.data.suggestedWindow?.end ?? "");
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) throw new Error("renewalInfo without a valid suggestedWindow");
  return { start, end, retryAfterSeconds: retryAfterSeconds(res.headers["retry-after"]), explanationUrl: res.data.explanationURL ?? null };
}

/** A uniformly random moment in the window (spreads renewals), or `at` when the window has passed. */
export function pickRenewalTime(info: RenewalInfo, at: Date, random: () => number = Math.random): Date {
  if (info.end <= at) return at;
  const from = Math.max(info.start.getTime(), at.getTime());
  return new Date(from + Math.floor(random() * (info.end.getTime() - from)));
}
