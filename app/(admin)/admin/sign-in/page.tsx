import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { SignInForm } from "@/components/admin/sign-in-form";

export const metadata: Metadata = { title: "Sign in — Ciclo admin" };
export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if ((await auth())?.user) redirect("/admin");
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold text-slate-900">Sign in to Ciclo</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">Merchant admin: catalog, customers, API keys.</p>
        <SignInForm />
      </div>
    </main>
  );
}
