"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/auth";

export type SignInState = { error: string | null; email: string };

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirectTo: "/admin" });
    return { error: null, email };
  } catch (error) {
    // A successful sign-in "throws" Next's redirect: let it through.
    if (error instanceof AuthError) return { error: "Email or password is incorrect.", email };
    throw error;
  }
}
