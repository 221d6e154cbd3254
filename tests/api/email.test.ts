import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { emailOutbox } from "@/db/schema";
import { invalidateMerchantBrand } from "@/lib/email/brand";
import { deliverEmail, dueEmails, MAX_ATTEMPTS, queueEmail } from "@/lib/email/send";
import { closeSmtpTransports } from "@/lib/email/transport";
import { updatePortalSettings } from "@/lib/portal/settings";
import { createTenant } from "../helpers/factories";
import { linkAfter, startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";

// Email delivery through a real SMTP server: what arrives (subject, sender, Reply-To, both
// locales, the link in the text part, the inline logo), escaping, the log-only default, retries.
const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const HOSTILE = `<script>alert("x")</script> & "Evil, Inc" <evil@attacker.example>`;

let sink: SmtpSink;
let t: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  sink = await startSmtpSink({ auth: { user: "ciclo", pass: "s3cret:with@chars" } });
  t = await createTenant();
  await updatePortalSettings(getDb(), t.live.id, {
    branding: { name: "Acme Cobranças", logo: PNG, support_email: "ajuda@acme.example", footer_legal_text: "Acme Software LTDA · CNPJ 11.222.333/0001-81" },
    default_locale: "pt-BR",
  });
  invalidateMerchantBrand(t.live.id);
});
afterAll(async () => {
  closeSmtpTransports();
  await sink.close();
});

const row = async (id: string) => (await getDb().select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0]!;
const magicLink = (to: string, locale?: "en" | "pt-BR", organizationId = t.live.id) =>
  queueEmail(getDb(), { organizationId, template: "magic_link", to, locale, data: { url: `https://acme.example.test/auth/magic?token=${to.split("@")[0]}`, expires_in_minutes: 15 } });

describe("email delivery over SMTP", () => {
  it("sends a magic link: subject in the portal's locale, merchant name with the deployment's address, Reply-To, logo, the link in the text", async () => {
    const queued = await magicLink("cliente1@example.com");
    expect(queued).toMatchObject({ status: "queued", attempts: 0, template: "magic_link", toAddress: "cliente1@example.com" });
    const outcome = await deliverEmail(getDb(), queued.id, { smtpUrl: sink.url });
    expect(outcome).toMatchObject({ status: "sent", error: null });

    const [message] = sink.messages.filter((m) => m.envelope.to.includes("cliente1@example.com"));
    expect(message).toBeDefined();
    const mail = message!.mail;
    expect(mail.subject).toBe("Seu link de acesso a Acme Cobranças");
    expect(mail.from?.value).toEqual([{ name: "Acme Cobranças", address: "no-reply@localhost" }]);
    expect(mail.replyTo?.value).toEqual([{ name: "", address: "ajuda@acme.example" }]);
    expect(message!.envelope.from).toBe("no-reply@localhost");
    expect(linkAfter(mail.text!, "Entrar")).toBe("https://acme.example.test/auth/magic?token=cliente1");
    expect(mail.text).toContain("expira em 15 minutos");
    expect(mail.text).toContain("Acme Software LTDA · CNPJ 11.222.333/0001-81");
    expect(mail.text).toContain("Dúvidas? Escreva para ajuda@acme.example.");
    expect(mail.html).toContain('href="https://acme.example.test/auth/magic?token=cliente1"');
    expect(mail.html).toContain("background:#4f46e5");
    const logo = mail.attachments.find((a) => a.cid === "logo@ciclo");
    expect(logo?.contentType).toBe("image/png");
    expect(logo?.content.equals(Buffer.from(PNG.split(",")[1]!, "base64"))).toBe(true);

    const sent = await row(queued.id);
    expect(sent).toMatchObject({ status: "sent", attempts: 1, lastError: null, messageId: mail.messageId });
    expect(sent.sentAt).toBeInstanceOf(Date);
  });

  it("is idempotent: delivering a sent email again does nothing", async () => {
    const queued = await magicLink("cliente2@example.com");
    await deliverEmail(getDb(), queued.id, { smtpUrl: sink.url });
    const count = sink.messages.length;
    expect(await deliverEmail(getDb(), queued.id, { smtpUrl: sink.url })).toBeNull();
    expect(sink.messages.length).toBe(count);
    expect((await row(queued.id)).attempts).toBe(1);
  });

  it("speaks the recipient's locale when given one, the portal's default otherwise", async () => {
    const en = await magicLink("en@example.com", "en");
    const pt = await magicLink("pt@example.com");
    for (const id of [en.id, pt.id]) await deliverEmail(getDb(), id, { smtpUrl: sink.url });
    const mailTo = (to: string) => sink.messages.find((m) => m.envelope.to.includes(to))!.mail;
    expect(mailTo("en@example.com").subject).toBe("Your sign-in link for Acme Cobranças");
    expect(linkAfter(mailTo("en@example.com").text!, "Sign in")).toBe("https://acme.example.test/auth/magic?token=en");
    expect(mailTo("en@example.com").text).toContain("expires in 15 minutes");
    expect(mailTo("pt@example.com").subject).toBe("Seu link de acesso a Acme Cobranças");
    expect(mailTo("en@example.com").html).toContain('<html lang="en">');
    expect(mailTo("pt@example.com").html).toContain('<html lang="pt-BR">');
  });

  it("marks a sandbox's emails as test mode: [Test] / [Teste] before the subject and a notice above the content", async () => {
    const en = await magicLink("sandbox-en@example.com", "en", t.sandbox.id);
    const pt = await magicLink("sandbox-pt@example.com", "pt-BR", t.sandbox.id);
    for (const id of [en.id, pt.id]) await deliverEmail(getDb(), id, { smtpUrl: sink.url });
    const mailTo = (to: string) => sink.messages.find((m) => m.envelope.to.includes(to))!.mail;
    const english = mailTo("sandbox-en@example.com");
    expect(english.subject).toMatch(/^\[Test\] Your sign-in link for \S/);
    expect(english.text!.split("\n")[0]).toBe("Test mode: this email was sent by a sandbox account. Nothing in it involves real money.");
    expect(english.html).toContain("Test mode: this email was sent by a sandbox account.");
    const portuguese = mailTo("sandbox-pt@example.com");
    expect(portuguese.subject).toMatch(/^\[Teste\] Seu link de acesso a \S/);
    expect(portuguese.text).toContain("Modo de teste: este e-mail foi enviado por uma conta de teste (sandbox).");
    expect(linkAfter(portuguese.text!, "Entrar")).toBe("https://acme.example.test/auth/magic?token=sandbox-pt");
    // The live organization's emails carry neither.
    const live = await magicLink("live-only@example.com", "en");
    expect(live.subject).toBe("Your sign-in link for Acme Cobranças");
    expect(live.text).not.toContain("Test mode");
  });

  it("escapes a hostile merchant name in the HTML and keeps it whole as the sender's display name", async () => {
    const evil = await createTenant();
    await updatePortalSettings(getDb(), evil.live.id, { branding: { name: HOSTILE.slice(0, 80), support_email: null } });
    invalidateMerchantBrand(evil.live.id);
    const queued = await magicLink("victim@example.com", "en", evil.live.id);
    expect(queued.html).not.toContain("<script>");
    expect(queued.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Evil, Inc&quot; &lt;evil@attacker.example&gt;");
    await deliverEmail(getDb(), queued.id, { smtpUrl: sink.url });
    const mail = sink.messages.find((m) => m.envelope.to.includes("victim@example.com"))!.mail;
    expect(mail.from?.value).toEqual([{ name: HOSTILE, address: "no-reply@localhost" }]);
    expect(mail.replyTo).toBeUndefined();
    expect(mail.to && !Array.isArray(mail.to) && mail.to.value.map((a) => a.address)).toEqual(["victim@example.com"]);
    expect(mail.html).not.toContain("<script>");
    expect(mail.subject).toBe(`Your sign-in link for ${HOSTILE}`);
  });

  it("without SMTP_URL the email is logged, not sent (the development default)", async () => {
    const before = sink.messages.length;
    const queued = await magicLink("dev@example.com");
    expect(await deliverEmail(getDb(), queued.id, { smtpUrl: null })).toMatchObject({ status: "logged" });
    expect(await row(queued.id)).toMatchObject({ status: "logged", attempts: 1, sentAt: null });
    expect(await deliverEmail(getDb(), queued.id, { smtpUrl: sink.url })).toBeNull();
    expect(sink.messages.length).toBe(before);
  });

  it("retries a refused email on its schedule, then gives up: failed, with the last error", async () => {
    const refusing = await startSmtpSink({ reject: true });
    try {
      const queued = await magicLink("bounce@example.com");
      const created = queued.createdAt.getTime();
      const first = await deliverEmail(getDb(), queued.id, { smtpUrl: refusing.url });
      expect(first).toMatchObject({ status: "queued", retryAt: new Date(created + 60_000) });
      expect((await row(queued.id)).lastError).toMatch(/451/);
      // Not due yet: neither a direct attempt nor the sweep touches it.
      expect(await deliverEmail(getDb(), queued.id, { smtpUrl: refusing.url, at: new Date(created + 30_000) })).toBeNull();
      expect(await dueEmails(getDb(), new Date(created + 30_000))).not.toContain(queued.id);
      expect(await dueEmails(getDb(), new Date(created + 120_000))).toContain(queued.id);

      let outcome = first;
      for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
        outcome = await deliverEmail(getDb(), queued.id, { smtpUrl: refusing.url, at: outcome!.retryAt! });
        expect(outcome?.status).toBe(attempt < MAX_ATTEMPTS ? "queued" : "failed");
      }
      expect(outcome).toMatchObject({ status: "failed", retryAt: null });
      expect(await row(queued.id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
      expect(await deliverEmail(getDb(), queued.id, { smtpUrl: sink.url, at: new Date(created + 86_400_000) })).toBeNull();
      expect(refusing.messages).toEqual([]);
      expect(sink.messages.some((m) => m.envelope.to.includes("bounce@example.com"))).toBe(false);
    } finally {
      await refusing.close();
    }
  });

  it("refuses an address that is not one, and header injection through it", async () => {
    await expect(magicLink("not-an-address")).rejects.toThrow(/not an email address/);
    await expect(queueEmail(getDb(), { organizationId: t.live.id, template: "magic_link", to: "a@b.example\r\nBcc: x@y.example", data: { url: "https://x.example", expires_in_minutes: 1 } })).rejects.toThrow();
  });
});
