import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { MagicLinkForm, PasswordSignInForm } from "@/components/admin/auth/sign-in-forms";
import { safeAdminPath } from "@/lib/staff/paths";
import { magicLinkAction, signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in — Ciclo admin" };
export const dynamic = "force-dynamic";

// Auth.js sends errors here (pages.error): a used or expired email link is the common one.
const ERRORS: Record<string, string> = {
  Verification: "That sign-in link is invalid, was already used or has expired. Ask for a new one.",
  AccessDenied: "That sign-in link cannot be used. Ask for a new one.",
};

type Props = { searchParams: Promise<{ error?: string; callbackUrl?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { error, callbackUrl } = await searchParams;
  const next = safeAdminPath(callbackUrl);
  if ((await auth())?.user) redirect(next);
  const problem = error ? (ERRORS[error] ?? "Sign-in failed. Please try again.") : null;
  return (
    <main id="main" className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold text-slate-900">Sign in to Ciclo</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">Merchant admin: portal, catalog, customers, API keys.</p>
        {problem ? <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{problem}</p> : null}
        <PasswordSignInForm callbackUrl={next} signInAction={signInAction} />
        <div className="my-6 border-t border-slate-200" />
        <MagicLinkForm callbackUrl={next} magicLinkAction={magicLinkAction} />
      </div>
    </main>
  );
}
