import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { NextAuthConfig } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { log } from "@/lib/log";
import { StaffSignInLimited, takeStaffSignInAttempt } from "@/lib/staff/attempt-limit";
import { verifyStaffPassword } from "@/lib/staff/credentials";
import { findStaffUserByEmail, sendStaffSignInLink, STAFF_LINK_MINUTES, staffLinkRecipient } from "@/lib/staff/magic-link";

// Merchant staff sign-in (the admin area), as Auth.js configuration: password, or a link by
// email (Auth.js's email provider: a single-use token the Drizzle adapter keeps hashed in
// verification_tokens for 15 minutes, sent through our outbox by lib/staff/magic-link.ts).
// auth.ts hands it to NextAuth; tests hand it to Auth.js's `Auth` directly. Customers of
// merchants sign in to the portal through lib/portal-auth instead, never here.
const credentialsInput = z.object({ email: z.email(), password: z.string().min(1).max(200) });

const BASE_PATH = "/api/auth";
/** Where Auth.js sends whoever asked for a link (then on to pages.verifyRequest): every address gets this answer. */
const VERIFY_REQUEST = `${BASE_PATH}/verify-request?provider=email&type=email`;

/** The Drizzle adapter, finding users by email the way they are unique: ignoring case. */
function staffAdapter(db: ReturnType<typeof getDb>): Adapter {
  const adapter = DrizzleAdapter(db, { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens });
  return { ...adapter, getUserByEmail: (email) => findStaffUserByEmail(db, email) };
}

export function staffAuthConfig(): NextAuthConfig {
  return {
    adapter: staffAdapter(getDb()),
    basePath: BASE_PATH,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    trustHost: true,
    pages: { signIn: "/admin/sign-in", verifyRequest: "/admin/sign-in/check-email", error: "/admin/sign-in" },
    // Auth.js logs through our JSON logger; a wrong password or a used link is an expected event, not a stack trace.
    logger: {
      // Auth.js errors carry a stable `type` (class names are minified in production builds).
      error: (error) => {
        const type = (error as { type?: string }).type;
        if (type === "CredentialsSignin" || type === "Verification" || type === "AccessDenied") log.warn("staff sign-in refused", { type });
        else log.error("auth error", { error });
      },
      warn: (code) => log.warn("auth warning", { code }),
      debug: () => {},
    },
    providers: [
      Credentials({
        credentials: { email: { type: "email" }, password: { type: "password" } },
        // null: Auth.js answers CredentialsSignin.
        // Attempt-limited per address and client IP (lib/staff/attempt-limit.ts) before the password is looked at.
        authorize: async (raw, request) => {
          const parsed = credentialsInput.safeParse(raw);
          if (!parsed.success) return null;
          const attempt = await takeStaffSignInAttempt(getDb(), { email: parsed.data.email, headers: request.headers });
          if (!attempt.ok) throw new StaffSignInLimited();
          return verifyStaffPassword(getDb(), parsed.data.email, parsed.data.password);
        },
      }),
      {
        id: "email",
        type: "email",
        name: "Email",
        maxAge: STAFF_LINK_MINUTES * 60,
        sendVerificationRequest: async ({ identifier, url }) => {
          await sendStaffSignInLink(getDb(), { email: identifier, url });
        },
      },
    ],
    callbacks: {
      signIn: async ({ user, account, email }) => {
        if (account?.type !== "email") return true;
        // Asking for a link: the same redirect for every address, but only a staff member under the
        // throttle gets a token stored and an email (true); anyone else leaves nothing behind.
        if (email?.verificationRequest) return (await staffLinkRecipient(getDb(), user.email ?? "")) ? true : VERIFY_REQUEST;
        // Using a link: staff only (never create a user from an email link).
        return (await findStaffUserByEmail(getDb(), user.email ?? "")) !== null;
      },
      session: ({ session, token }) => {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}
