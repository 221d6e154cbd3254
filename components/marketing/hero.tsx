import { Container } from "@/components/ui/container";
import { LinkButton } from "@/components/ui/link-button";

export function Hero() {
  return (
    <section aria-labelledby="hero-title" className="bg-gradient-to-b from-teal-50 to-white">
      <Container className="pt-16 pb-14 sm:pt-24 sm:pb-20">
        <p className="text-sm font-semibold uppercase tracking-wider text-teal-800">Brazil-first · Self-hostable · Open source</p>
        <h1 id="hero-title" className="mt-4 max-w-3xl text-4xl font-bold tracking-tight text-zinc-950 sm:text-5xl">
          Subscription billing you run yourself, with a customer portal that wears your brand.
        </h1>
        <p className="mt-6 max-w-2xl text-lg leading-8 text-zinc-700">
          Ciclo is open-source, self-hostable subscription billing. Plans, invoices, payments and dunning in
          BRL, with CPF/CNPJ, boleto, PIX and NF-e built in, a REST API for your developers, and a white-label
          portal where your customers manage their own subscriptions on your domain.
        </p>
        <div className="mt-10 flex flex-wrap gap-4">
          <LinkButton href="/admin/sign-in">Sign in to the admin</LinkButton>
          <LinkButton href="/api/v1/openapi.json" variant="secondary" data-testid="api-docs-link">
            API reference (OpenAPI)
          </LinkButton>
        </div>
      </Container>
    </section>
  );
}
