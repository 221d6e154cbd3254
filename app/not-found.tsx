// 404 for every surface, tenant portals included: no Ciclo branding here.
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = {
  title: "Page not found",
};

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center px-6 py-24">
      <p className="text-sm font-semibold text-zinc-600">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-zinc-950">Page not found</h1>
      <p className="mt-4 leading-7 text-zinc-700">The page you are looking for does not exist or has moved.</p>
      <p className="mt-8">
        <Link href="/" className="font-semibold text-zinc-900 underline underline-offset-4 hover:text-zinc-700">
          Go to the home page
        </Link>
      </p>
    </main>
  );
}
