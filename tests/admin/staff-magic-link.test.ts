import { Auth } from "@auth/core";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffAuthConfig } from "@/auth.config";
import { getDb } from "@/db";
import { emailOutbox, users, verificationTokens } from "@/db/schema";
import { closeSmtpTransports } from "@/lib/email/transport";
import { STAFF_LINK_TEMPLATE } from "@/lib/staff/magic-link";
import { linkAfter, startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";
import { createStaffUser } from "../helpers/staff";

// Staff sign-in by email link, end to end through Auth.js's real endpoints (`Auth` with our
// configuration: what the /api/auth route's handlers call) and a real SMTP server: the link arrives as Ciclo's, signs in once, expires
// after 15 minutes, and an unknown address gets the same answer and no email.
let sink: SmtpSink;
const ORIGIN = "http://localhost:3000";
const config = { ...staffAuthConfig(), secret: "test-auth-secret-0123456789-abcdefghijklmnop" };

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
});
afterAll(async () => {
  closeSmtpTransports();
  await sink.close();
});

const cookieHeader = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

/** POST /api/auth/signin/email as the sign-in form does (CSRF token from /api/auth/csrf). */
async function askForLink(email: string): Promise<Response> {
  const csrf = await Auth(new Request(`${ORIGIN}/api/auth/csrf`), config);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return Auth(new Request(`${ORIGIN}/api/auth/signin/email`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(csrf) },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: `${ORIGIN}/admin` }),
  }), config);
}

async function mailTo(address: string) {
  for (let i = 0; i < 100; i++) {
    const found = sink.messages.find((m) => m.envelope.to.some((to: string) => to.toLowerCase() === address.toLowerCase()));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no email to ${address}`);
}

const open = (link: string) => Auth(new Request(link), config);

describe("staff sign-in by email link", () => {
  it("emails a single-use link branded as Ciclo that signs the staff member in", async () => {
    const user = await createStaffUser(null);
    const asked = await askForLink(user.email.toUpperCase());
    expect(asked.status).toBe(302);
    expect(asked.headers.get("location")).toContain("/api/auth/verify-request");

    const message = await mailTo(user.email);
    expect(message.mail.subject).toBe("Your Ciclo sign-in link");
    expect(message.mail.from?.value[0]).toMatchObject({ name: "Ciclo" });
    expect(message.mail.text).toContain("expires in 15 minutes");
    const link = linkAfter(message.mail.text!, "Sign in")!;
    expect(link).toMatch(/^http:\/\/localhost:3000\/api\/auth\/callback\/email\?/);
    // Stored hashed: the token in the link is not in the table.
    const token = new URL(link).searchParams.get("token")!;
    expect(await getDb().select().from(verificationTokens).where(eq(verificationTokens.token, token))).toEqual([]);
    const [stored] = await getDb().select().from(verificationTokens).where(eq(verificationTokens.identifier, user.email));
    expect(stored!.expires.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(stored!.expires.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    const used = await open(link);
    expect(used.status).toBe(302);
    expect(used.headers.get("location")).toBe(`${ORIGIN}/admin`);
    expect(cookieHeader(used)).toMatch(/authjs\.session-token=/);
    const [outbox] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email));
    expect(outbox).toMatchObject({ template: STAFF_LINK_TEMPLATE, status: "sent", organizationId: null });

    // Once only.
    const again = await open(link);
    expect(again.headers.get("location")).toContain("/admin/sign-in?error=Verification");
    expect(cookieHeader(again)).not.toMatch(/authjs\.session-token=[^;]/);
  });

  it("refuses a link older than 15 minutes", async () => {
    const user = await createStaffUser(null);
    await askForLink(user.email);
    const link = linkAfter((await mailTo(user.email)).mail.text!, "Sign in")!;
    await getDb().update(verificationTokens).set({ expires: new Date(Date.now() - 1000) }).where(eq(verificationTokens.identifier, user.email));
    const res = await open(link);
    expect(res.headers.get("location")).toContain("/admin/sign-in?error=Verification");
    expect(cookieHeader(res)).not.toMatch(/authjs\.session-token=[^;]/);
  });

  it("answers an unknown address the same way, without an email or a new user", async () => {
    const asked = await askForLink("nobody-here@staff.example");
    expect(asked.status).toBe(302);
    expect(asked.headers.get("location")).toContain("/api/auth/verify-request");
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages.filter((m) => m.envelope.to.includes("nobody-here@staff.example"))).toEqual([]);
    expect(await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, "nobody-here@staff.example"))).toEqual([]);
    expect(await getDb().select().from(users).where(sql`lower(${users.email}) = 'nobody-here@staff.example'`)).toEqual([]);
    // Nor a stored token: asking for links to made-up addresses fills no table.
    expect(await getDb().select().from(verificationTokens).where(eq(verificationTokens.identifier, "nobody-here@staff.example"))).toEqual([]);
  });

  it("sends at most 5 links a quarter hour to one address, and stores no token beyond them", async () => {
    const user = await createStaffUser(null);
    for (let i = 0; i < 6; i++) {
      const asked = await askForLink(user.email);
      expect(asked.headers.get("location")).toContain("/api/auth/verify-request");
    }
    expect(await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email))).toHaveLength(5);
    expect(await getDb().select().from(verificationTokens).where(eq(verificationTokens.identifier, user.email))).toHaveLength(5);
  });

  it("signs in a user whose address was stored with capitals as that user (no second account)", async () => {
    const user = await createStaffUser(null);
    const stored = user.email.replace(/^./, (c) => c.toUpperCase()).replace("@staff.example", "@Staff.Example");
    await getDb().update(users).set({ email: stored }).where(eq(users.id, user.id));
    await askForLink(user.email);
    const link = linkAfter((await mailTo(stored)).mail.text!, "Sign in")!;
    const used = await open(link);
    expect(used.headers.get("location")).toBe(`${ORIGIN}/admin`);
    expect(cookieHeader(used)).toMatch(/authjs\.session-token=/);
    expect(await getDb().select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${user.email}`)).toEqual([{ id: user.id }]);
  });
});
