import { isIPv4, isIPv6 } from "node:net";
import { domainToASCII } from "node:url";

// Host header -> which surface serves the request. Pure: no Next, no database, no env.
// Every decision is an exact comparison or an anchored pattern, never a substring search.

export type InvalidHostReason =
  | "empty"
  | "too_long"
  | "whitespace"
  | "userinfo"
  | "path"
  | "port"
  | "ip"
  | "characters"
  | "idn"
  | "label"
  | "numeric_tld"
  | "nested_subdomain"
  | "reserved";

export type ParsedHost =
  | { kind: "root" }
  | { kind: "api" }
  | { kind: "tenant"; slug: string }
  | { kind: "custom"; hostname: string }
  | { kind: "invalid"; reason: InvalidHostReason };

/** Subdomain labels of the root domain that never name a tenant (`www` and `api` have their own surfaces). */
export const RESERVED_LABELS: ReadonlySet<string> = new Set([
  "www", "api", "admin", "app", "mail", "smtp", "imap", "pop", "ftp", "webmail", "mx", "ns1", "ns2",
  "portal", "static", "assets", "cdn", "status", "docs", "help", "support", "blog", "autoconfig", "autodiscover",
  // paths of the admin area that sit beside /admin/<slug>
  "sign-in", "invite",
]);

export const isReservedLabel = (label: string): boolean => RESERVED_LABELS.has(label);

/** The organization slug format (same as the `organizations_slug_format` check constraint). */
export const SLUG_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const NUMERIC_LABEL = /^[0-9]+$/;
const MAX_RAW_LENGTH = 1024; // refuse to even look at absurd headers
const MAX_NAME_LENGTH = 253;

const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/u;
const USERINFO = /@/;
const PATH_CHARACTERS = /[/\\?#%]/;
const BRACKETED = /^\[([0-9a-f:.]+)\](?::([0-9]*))?$/;
const NAME_AND_PORT = /^([^:]+)(?::([0-9]*))?$/;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const ALLOWED_ASCII = /^[a-z0-9.\-\u0080-\u{10ffff}]+$/u;
const PUNYCODE_LABEL = /(?:^|\.)xn--/;

type Normalized = { ok: true; hostname: string; ip: boolean } | { ok: false; reason: InvalidHostReason };

function validPort(port: string | undefined): boolean {
  if (port === undefined) return true;
  if (!/^[0-9]{1,5}$/.test(port)) return false;
  const n = Number(port);
  return n >= 1 && n <= 65535;
}

function normalize(raw: string | null | undefined): Normalized {
  if (raw === null || raw === undefined || raw === "") return { ok: false, reason: "empty" };
  if (raw.length > MAX_RAW_LENGTH) return { ok: false, reason: "too_long" };
  if (WHITESPACE_OR_CONTROL.test(raw)) return { ok: false, reason: "whitespace" };
  if (USERINFO.test(raw)) return { ok: false, reason: "userinfo" };
  if (PATH_CHARACTERS.test(raw)) return { ok: false, reason: "path" };
  const lower = raw.toLowerCase();

  if (lower.startsWith("[")) {
    const match = BRACKETED.exec(lower);
    if (!match || !isIPv6(match[1]!)) return { ok: false, reason: "ip" };
    if (!validPort(match[2])) return { ok: false, reason: "port" };
    return { ok: true, hostname: `[${match[1]}]`, ip: true };
  }

  const match = NAME_AND_PORT.exec(lower);
  if (!match) return { ok: false, reason: lower.split(":").length > 2 ? "ip" : "port" };
  if (!validPort(match[2])) return { ok: false, reason: "port" };
  // One trailing dot is the fully qualified form of the same name.
  let name = match[1]!.endsWith(".") ? match[1]!.slice(0, -1) : match[1]!;
  if (isIPv4(name)) return { ok: true, hostname: name, ip: true };
  if (!ALLOWED_ASCII.test(name)) return { ok: false, reason: "characters" };

  // Unicode labels become punycode; existing xn-- labels are checked by the same conversion.
  if (!ASCII_ONLY.test(name) || PUNYCODE_LABEL.test(name)) {
    name = domainToASCII(name);
    if (name === "" || !ASCII_ONLY.test(name)) return { ok: false, reason: "idn" };
  }
  if (name.length === 0) return { ok: false, reason: "label" };
  if (name.length > MAX_NAME_LENGTH) return { ok: false, reason: "too_long" };
  const labels = name.split(".");
  if (!labels.every((label) => LABEL.test(label))) return { ok: false, reason: "label" };
  if (NUMERIC_LABEL.test(labels[labels.length - 1]!)) return { ok: false, reason: "numeric_tld" };
  return { ok: true, hostname: name, ip: false };
}

/**
 * Lower-cases, strips the port and one trailing dot, converts Unicode labels to punycode.
 * Returns null for anything that is not a DNS name or an IP literal (IPv6 stays bracketed).
 */
export function normalizeHost(raw: string | null | undefined): string | null {
  const result = normalize(raw);
  return result.ok ? result.hostname : null;
}

export function parseHost(rawHostHeader: string | null, rootDomain: string): ParsedHost {
  const root = normalize(rootDomain);
  if (!root.ok) throw new Error(`ROOT_DOMAIN ${JSON.stringify(rootDomain)} is not a valid host name (${root.reason})`);
  const host = normalize(rawHostHeader);
  if (!host.ok) return { kind: "invalid", reason: host.reason };

  const name = host.hostname;
  const rootName = root.hostname;
  // IP literals serve the landing page (http://127.0.0.1:3000); tenants always have a name.
  if (host.ip || name === rootName || name === `www.${rootName}`) return { kind: "root" };
  if (name === `api.${rootName}`) return { kind: "api" };

  const suffix = `.${rootName}`;
  if (name.endsWith(suffix)) {
    const sub = name.slice(0, -suffix.length);
    if (sub.split(".").length !== 1) return { kind: "invalid", reason: "nested_subdomain" };
    if (isReservedLabel(sub)) return { kind: "invalid", reason: "reserved" };
    if (!SLUG_PATTERN.test(sub)) return { kind: "invalid", reason: "label" };
    return { kind: "tenant", slug: sub };
  }
  return { kind: "custom", hostname: name };
}
