"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/auth";
import type { SignInState } from "@/components/admin/auth/sign-in-forms";
import { safeAdminPath } from "@/lib/staff/paths";


// A successful sign-in "throws" Next's redirect: only Auth.js's own errors are answered here.
export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirectTo: safeAdminPath(form.get("callbackUrl")) });
    return { error: null, email };
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "rate_limited") return { error: "Too many sign-in attempts: try again in a few minutes, or sign in with a link by email.", email };
    if (error instanceof AuthError) return { error: "Email or password is incorrect.", email };
    throw error;
  }
}

/** Emails a sign-in link to staff; the answer (the "check your email" page) is the same for any address. */
export async function magicLinkAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").trim();
  if (!z.email().max(254).safeParse(email).success) return { error: "Enter a valid email address.", email };
  try {
    // Auth.js answers with its own verify-request URL; go straight to the page it stands for.
    await signIn("email", { email: email.toLowerCase(), redirect: false, redirectTo: safeAdminPath(form.get("callbackUrl")) });
  } catch (error) {
    if (error instanceof AuthError) return { error: "The sign-in link could not be sent. Please try again.", email };
    throw error;
  }
  redirect("/admin/sign-in/check-email");
}
