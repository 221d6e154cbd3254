import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { log } from "@/lib/log";
import { verifyStaffPassword } from "@/lib/staff/credentials";

// Merchant staff sign-in (the admin area). Customers of merchants sign in to the portal
// through lib/portal-auth instead, never here.
const credentialsInput = z.object({ email: z.email(), password: z.string().min(1).max(200) });

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  adapter: DrizzleAdapter(getDb(), { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens }),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  trustHost: true,
  pages: { signIn: "/admin/sign-in" },
  // Auth.js logs through our JSON logger; a wrong password is an expected event, not a stack trace.
  logger: {
    // Auth.js errors carry a stable `type` (class names are minified in production builds).
    error: (error) =>
      (error as { type?: string }).type === "CredentialsSignin" ? log.warn("staff sign-in failed") : log.error("auth error", { error }),
    warn: (code) => log.warn("auth warning", { code }),
    debug: () => {},
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: async (raw) => {
        const parsed = credentialsInput.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const user = await verifyStaffPassword(getDb(), parsed.data.email, parsed.data.password);
        if (!user) throw new CredentialsSignin();
        return user;
      },
    }),
  ],
  callbacks: {
    session: ({ session, token }) => {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
