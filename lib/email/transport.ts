import nodemailer, { type Transporter } from "nodemailer";

// One pooled SMTP transport per SMTP_URL, created on first use and kept for the process (a new
// URL, as in tests, gets its own). Timeouts are bounded so a hung server cannot hold a delivery
// (and its row lock) for long; a URL's own query parameters win over these defaults.
const DEFAULTS: Record<string, string> = { pool: "true", maxConnections: "3", connectionTimeout: "10000", greetingTimeout: "10000", socketTimeout: "30000" };

const holder = globalThis as unknown as { __cicloSmtp?: Map<string, Transporter> };

export function smtpTransport(smtpUrl: string): Transporter {
  holder.__cicloSmtp ??= new Map();
  let transport = holder.__cicloSmtp.get(smtpUrl);
  if (!transport) {
    const url = new URL(smtpUrl);
    for (const [key, value] of Object.entries(DEFAULTS)) if (!url.searchParams.has(key)) url.searchParams.set(key, value);
    transport = nodemailer.createTransport(url.toString());
    holder.__cicloSmtp.set(smtpUrl, transport);
  }
  return transport;
}

export function closeSmtpTransports(): void {
  for (const transport of holder.__cicloSmtp?.values() ?? []) transport.close();
  holder.__cicloSmtp?.clear();
}
