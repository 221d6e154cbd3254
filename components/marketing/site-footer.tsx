import { Container } from "@/components/ui/container";

export function SiteFooter() {
  return (
    <footer className="border-t border-zinc-200">
      <Container className="flex flex-col gap-2 py-8 text-sm text-zinc-600 sm:flex-row sm:justify-between">
        <p>Ciclo is free software, licensed under the AGPL-3.0.</p>
        <nav aria-label="Service">
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a JSON endpoint, not a page */}
          <a href="/api/v1/health" className="underline underline-offset-4 hover:text-zinc-900">
            Service health
          </a>
        </nav>
      </Container>
    </footer>
  );
}
