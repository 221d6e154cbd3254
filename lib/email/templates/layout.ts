import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { emailMessages } from "@/lib/i18n/messages/email";

// The one layout every email shares: the merchant's logo (or name) on top, a heading, a few
// paragraphs, a details table, one button in the merchant's colour, secondary links, and a footer
// with the legal text and the support address. HTML for mail clients (nested tables, inline
// styles, no external assets, every value escaped) plus the same content as plain text, where
// each link stands on its own line. A sandbox's emails (test mode) say so, here and only here:
// "[Test]" before the subject and a notice above everything else.
export type EmailBrand = {
  name: string;
  /** Content-ID of the inline logo attachment, or null to print the name instead. */
  logoCid: string | null;
  primaryColor: string;
  supportEmail: string | null;
  footerLegalText: string | null;
  /** Sent by a sandbox organization (test mode). */
  testMode?: boolean;
};

export type EmailLink = { label: string; url: string };

export type EmailContent = {
  subject: string;
  heading: string;
  paragraphs: string[];
  details?: Array<[label: string, value: string]>;
  button?: EmailLink | null;
  /** Paragraphs after the button. */
  after?: string[];
  links?: EmailLink[];
};

export type RenderedEmail = { subject: string; html: string; text: string };

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Only http(s) URLs become links (no javascript:, data: or mailto: tricks from data). */
const isWebUrl = (url: string) => /^https?:\/\/[^\s<>"]+$/i.test(url);
const HEX = /^#[0-9a-fA-F]{6}$/;
const DEFAULT_COLOR = "#4f46e5";
const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/** One line, no control characters: for the subject and other header values. */
export const oneLine = (value: string) => value.replace(/[\r\n\t\u0000-\u001f\u007f]+/g, " ").trim();

function htmlPart(content: EmailContent, brand: EmailBrand, locale: Locale): string {
  const t = pick(emailMessages, locale).common;
  const color = HEX.test(brand.primaryColor) ? brand.primaryColor : DEFAULT_COLOR;
  const p = (text: string) => `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:#27272a">${escapeHtml(text)}</p>`;
  const header = brand.logoCid
    ? `<img src="cid:${escapeHtml(brand.logoCid)}" alt="${escapeHtml(brand.name)}" height="40" style="display:block;height:40px;max-width:240px;border:0">`
    : `<span style="font-size:20px;font-weight:700;color:#18181b">${escapeHtml(brand.name)}</span>`;
  const details = content.details?.length
    ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 24px;border-collapse:collapse">${content.details
        .map(([label, value]) => `<tr><td style="padding:8px 0;border-bottom:1px solid #e4e4e7;font-size:14px;color:#71717a">${escapeHtml(label)}</td><td align="right" style="padding:8px 0;border-bottom:1px solid #e4e4e7;font-size:14px;font-weight:600;color:#18181b">${escapeHtml(value)}</td></tr>`)
        .join("")}</table>`
    : "";
  const button = content.button && isWebUrl(content.button.url)
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 24px"><tr><td style="border-radius:6px;background:${color}"><a href="${escapeHtml(content.button.url)}" style="display:inline-block;padding:12px 24px;font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(content.button.label)}</a></td></tr></table>` +
      `<p style="margin:0 0 16px;font-size:13px;line-height:20px;color:#71717a">${escapeHtml(t.buttonFallback)}<br><a href="${escapeHtml(content.button.url)}" style="color:${color};word-break:break-all">${escapeHtml(content.button.url)}</a></p>`
    : "";
  const links = (content.links ?? [])
    .filter((l) => isWebUrl(l.url))
    .map((l) => `<p style="margin:0 0 8px;font-size:14px"><a href="${escapeHtml(l.url)}" style="color:${color}">${escapeHtml(l.label)}</a></p>`)
    .join("");
  const footer = [t.sentBy(brand.name), brand.footerLegalText, brand.supportEmail ? t.support(brand.supportEmail) : null]
    .filter((line): line is string => !!line)
    .map((line) => `<p style="margin:0 0 8px;font-size:12px;line-height:18px;color:#71717a">${escapeHtml(line).replace(/\n/g, "<br>")}</p>`)
    .join("");
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5;${FONT}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;border-top:4px solid ${color}">
${brand.testMode ? `<tr><td style="padding:12px 32px;background:#fef3c7;border-radius:8px 8px 0 0;font-size:14px;line-height:20px;font-weight:600;color:#92400e">${escapeHtml(t.testMode.notice)}</td></tr>` : ""}
<tr><td style="padding:24px 32px 0">${header}</td></tr>
<tr><td style="padding:24px 32px 16px;${FONT}">
<h1 style="margin:0 0 16px;font-size:22px;line-height:30px;color:#18181b">${escapeHtml(content.heading)}</h1>
${content.paragraphs.map(p).join("\n")}
${details}${button}${(content.after ?? []).map(p).join("\n")}${links}
</td></tr></table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px"><tr><td style="padding:16px 32px;${FONT}">${footer}</td></tr></table>
</td></tr></table>
</body></html>
`;
}

function textPart(content: EmailContent, brand: EmailBrand, locale: Locale): string {
  const t = pick(emailMessages, locale).common;
  const blocks: string[] = [...(brand.testMode ? [t.testMode.notice] : []), brand.name, content.heading, ...content.paragraphs];
  if (content.details?.length) blocks.push(content.details.map(([label, value]) => `${label}: ${value}`).join("\n"));
  if (content.button) blocks.push(`${content.button.label}:\n${content.button.url}`);
  blocks.push(...(content.after ?? []));
  for (const link of content.links ?? []) blocks.push(`${link.label}:\n${link.url}`);
  const footer = [t.sentBy(brand.name), brand.footerLegalText, brand.supportEmail ? t.support(brand.supportEmail) : null].filter(Boolean);
  return `${blocks.join("\n\n")}\n\n-- \n${footer.join("\n")}\n`;
}

export function renderEmail(content: EmailContent, brand: EmailBrand, locale: Locale): RenderedEmail {
  const subject = brand.testMode ? `${pick(emailMessages, locale).common.testMode.subjectPrefix} ${content.subject}` : content.subject;
  return { subject: oneLine(subject), html: htmlPart(content, brand, locale), text: textPart(content, brand, locale) };
}
