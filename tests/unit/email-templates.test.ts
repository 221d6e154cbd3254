import { describe, expect, it } from "vitest";
import { formatMailbox, parseMailbox } from "@/lib/email/address";
import { EMAIL_TEMPLATES, renderTemplate, type EmailBrand, type EmailTemplateData } from "@/lib/email/templates";
import { parseEnv } from "@/lib/env";
import { LOCALES } from "@/lib/i18n/locale";

// The seven templates in both locales: branded, escaped, links on their own lines in the text.
const brand: EmailBrand = {
  name: "Acme Cobranças",
  logoCid: null,
  primaryColor: "#0f766e",
  supportEmail: "ajuda@acme.example",
  footerLegalText: "Acme Software LTDA\nCNPJ 11.222.333/0001-81",
};

const samples: EmailTemplateData = {
  magic_link: { url: "https://acme.example.test/auth/magic?token=abc", expires_in_minutes: 15 },
  invite: { inviter_name: "Maria <admin>", account_name: "Padaria Pão Quente", url: "https://acme.example.test/invite?token=def" },
  password_reset: { url: "https://acme.example.test/reset?token=ghi", expires_in_minutes: 30 },
  lockout: { unlock_at: "2026-03-10T15:30:00Z", reset_url: "https://acme.example.test/reset?token=jkl" },
  invoice_issued: {
    number: "ACME-000042", currency: "BRL", total_cents: 123_456, amount_due_cents: 100_000, due_at: "2026-03-15",
    charge_automatically: false, payment_url: "https://ciclo.example/pay/tok", pdf_url: "https://ciclo.example/pay/tok/pdf",
  },
  payment_failed: { invoice_number: "ACME-000042", currency: "BRL", amount_cents: 7_990, failure_code: "insufficient_funds", next_retry_at: null, payment_url: "https://ciclo.example/pay/tok" },
  upcoming_renewal: { description: "Pro", renews_at: "2026-04-01T12:00:00Z", currency: "BRL", amount_cents: 7_990 },
  email_change: { new_email: "ana.nova@cliente.example", url: "https://acme.example.test/profile/email/confirm?token=mno", expires_in_hours: 24 },
  email_changed: { new_email_masked: "a***@cliente.example", changed_at: "2026-03-10T15:30:00Z" },
  proposal: {
    account_name: "Padaria Pão Quente", offer: "Pro", currency: "BRL", amount_cents: 7_990, valid_until: "2026-04-01T12:00:00Z",
    message: "Plano anual com 10% de desconto.", url: "https://acme.example.test/proposals/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
  },
};

const render = <K extends keyof EmailTemplateData>(name: K, locale: "en" | "pt-BR", b: EmailBrand = brand, data = samples[name]) => renderTemplate(name, data, b, locale);

describe("email templates", () => {
  it.each(EMAIL_TEMPLATES.flatMap((name) => LOCALES.map((locale) => [name, locale] as const)))("%s in %s: subject, HTML and text, branded, nothing missing", (name, locale) => {
    const email = render(name, locale);
    expect(email.subject.length).toBeGreaterThan(5);
    for (const part of [email.subject, email.html, email.text]) expect(part).not.toMatch(/undefined|\bnull\b|\[object|NaN/);
    expect(email.html).toContain(`<html lang="${locale}">`);
    expect(email.html).toContain("Acme Cobranças");
    expect(email.html).toContain("CNPJ 11.222.333/0001-81");
    expect(email.text).toContain("ajuda@acme.example");
    expect(email.html).not.toMatch(/<(img|link|script)[^>]+(src|href)="https?:/); // no external assets
    for (const url of Object.values(samples[name]).filter((v): v is string => typeof v === "string" && v.startsWith("https://"))) {
      expect(email.text.split("\n")).toContain(url);
      expect(email.html).toContain(`href="${url}"`);
    }
    const other = render(name, locale === "en" ? "pt-BR" : "en");
    expect(other.subject).not.toBe(email.subject);
  });

  it("formats money and dates for the locale", () => {
    expect(render("invoice_issued", "pt-BR").text).toContain("Total: R$\u00a01.234,56\nValor a pagar: R$\u00a01.000,00\nVencimento: 15 de março de 2026");
    expect(render("invoice_issued", "en").text).toContain("Total: R$1,234.56\nAmount due: R$1,000.00\nDue date: March 15, 2026");
    expect(render("lockout", "en").text).toMatch(/locked until Mar 10, 2026, 3:30\sPM UTC\./);
    expect(render("payment_failed", "en").text).toContain("Reason: The card has insufficient funds.");
    expect(render("payment_failed", "en").text).toContain("We will not try again automatically.");
    expect(render("payment_failed", "pt-BR", brand, { ...samples.payment_failed, failure_code: "mystery", next_retry_at: "2026-03-12" }).text).toContain(
      "Tentaremos de novo em 12 de março de 2026.",
    );
    expect(render("payment_failed", "pt-BR", brand, { ...samples.payment_failed, failure_code: "mystery" }).text).toContain("Motivo: O pagamento não foi aprovado.");
  });

  it("escapes every interpolated value in the HTML", () => {
    const hostile = { ...brand, name: `<img src=x onerror=alert(1)>"&'`, footerLegalText: "<b>bold</b>", supportEmail: null };
    const email = render("invite", "en", hostile);
    expect(email.html).not.toContain("<img src=x");
    expect(email.html).not.toContain("<b>bold</b>");
    expect(email.html).toContain("&lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;");
    expect(email.html).toContain("Maria &lt;admin&gt; invited you");
    expect(email.text).toContain("Maria <admin> invited you");
  });

  it("links only http(s) URLs, uses the merchant's colour (a bad one falls back) and the logo by Content-ID", () => {
    const sneaky = render("magic_link", "en", brand, { url: "javascript:alert(1)", expires_in_minutes: 5 });
    expect(sneaky.html).not.toContain("javascript:");
    expect(render("magic_link", "en").html).toContain("background:#0f766e");
    expect(render("magic_link", "en", { ...brand, primaryColor: "red;position:fixed" }).html).not.toContain("position:fixed");
    const withLogo = render("magic_link", "en", { ...brand, logoCid: "logo@ciclo" });
    expect(withLogo.html).toContain('<img src="cid:logo@ciclo" alt="Acme Cobranças"');
    expect(render("magic_link", "en").html).not.toContain("<img");
  });

  it("keeps subjects on one line", () => {
    expect(render("magic_link", "en", { ...brand, name: "Acme\r\nBcc: x@y.example" }).subject).toBe("Your sign-in link for Acme Bcc: x@y.example");
  });
});

describe("email addresses and configuration", () => {
  it("quotes display names and reads them back", () => {
    const tricky = { name: `Evil "Corp", <x@y.example>`, address: "no-reply@ciclo.example" };
    expect(parseMailbox(formatMailbox(tricky))).toEqual(tricky);
    expect(parseMailbox("Ciclo <no-reply@ciclo.example>")).toEqual({ name: "Ciclo", address: "no-reply@ciclo.example" });
    expect(parseMailbox("no-reply@ciclo.example")).toEqual({ name: "", address: "no-reply@ciclo.example" });
  });

  it("validates SMTP_URL and EMAIL_FROM", () => {
    expect(parseEnv({ SMTP_URL: "smtp://user:pass@mail.example.com:587", EMAIL_FROM: "Ciclo <no-reply@ciclo.example.com>" })).toMatchObject({
      SMTP_URL: "smtp://user:pass@mail.example.com:587", EMAIL_FROM: "Ciclo <no-reply@ciclo.example.com>",
    });
    expect(parseEnv({ EMAIL_FROM: "no-reply@ciclo.example.com" }).EMAIL_FROM).toBe("no-reply@ciclo.example.com");
    expect(parseEnv({}).SMTP_URL).toBeUndefined();
    expect(() => parseEnv({ SMTP_URL: "http://mail.example.com" })).toThrow(/SMTP_URL:/);
    expect(() => parseEnv({ EMAIL_FROM: "Ciclo" })).toThrow(/EMAIL_FROM:/);
  });
});
