import NextAuth from "next-auth";
import { staffAuthConfig } from "./auth.config";

// Merchant staff sign-in for the admin area (configuration: auth.config.ts).
export const { handlers, auth, signIn, signOut } = NextAuth(() => staffAuthConfig());
