// Auth.js's "verify request" page (pages.verifyRequest): the same for every address asked for.
import type { Metadata } from "next";
import Link from "next/link";
import { STAFF_LINK_MINUTES } from "@/lib/staff/magic-link";

export const metadata: Metadata = { title: "Check your email — Ciclo admin" };

export default function CheckEmailPage() {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold text-slate-900">Check your email</h1>
        <p className="mt-3 text-sm text-slate-700">
          If that address belongs to a Ciclo account, a sign-in link is on its way. It works once and expires in {STAFF_LINK_MINUTES} minutes.
        </p>
        <Link href="/admin/sign-in" className="mt-6 inline-block text-sm font-semibold text-teal-800 underline underline-offset-2">Back to sign in</Link>
      </div>
    </main>
  );
}
