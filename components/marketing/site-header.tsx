import Link from "next/link";
import { Container } from "@/components/ui/container";

export function SiteHeader() {
  return (
    <header className="border-b border-zinc-200">
      <Container className="flex h-16 items-center justify-between">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold tracking-tight text-zinc-900" aria-label="Ciclo, home">
          <span aria-hidden="true" className="inline-block size-6 rounded-full border-4 border-brand" />
          Ciclo
        </Link>
        <p className="hidden text-sm text-zinc-600 sm:block">Open-source subscription billing</p>
      </Container>
    </header>
  );
}
