import { env } from "@/lib/env";
import { oneLine } from "./templates/layout";

// Addresses: every merchant's email goes out from the deployment's address (EMAIL_FROM, whose
// domain the operator has set up for sending: SPF, DKIM) under the merchant's name; replies go
// to the merchant's support address.
export type Mailbox = { name: string; address: string };

const ADDRESS = /^[^<>@\s"(),;:\\[\]]+@[^<>@\s"(),;:\\[\]]+$/;

export const isEmailAddress = (value: string) => ADDRESS.test(value) && value.length <= 254;

/** "Name <a@b>" or "a@b" -> { name, address }; a quoted name may contain escaped quotes. */
export function parseMailbox(value: string): Mailbox {
  const angle = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(value);
  if (!angle) return { name: "", address: value.trim() };
  let name = angle[1]!;
  if (/^".*"$/.test(name)) name = name.slice(1, -1).replace(/\\(.)/g, "$1");
  return { name, address: angle[2]!.trim() };
}

/** A display name on one line, quoted, so that commas, angle brackets or quotes in it stay in the name. */
export function formatMailbox(mailbox: Mailbox): string {
  const name = oneLine(mailbox.name);
  return name ? `"${name.replace(/["\\]/g, "\\$&")}" <${mailbox.address}>` : mailbox.address;
}

/** The deployment's sender: EMAIL_FROM, else "Ciclo <no-reply@ROOT_DOMAIN>". */
export function deploymentSender(): Mailbox {
  const e = env();
  const parsed = parseMailbox(e.EMAIL_FROM ?? `Ciclo <no-reply@${e.ROOT_DOMAIN}>`);
  return { name: parsed.name || "Ciclo", address: parsed.address };
}
