import { Container } from "@/components/ui/container";

const features = [
  {
    title: "Made for Brazil",
    body: "Amounts in BRL, CPF and CNPJ validated, boleto and PIX payments, and NF-e issued with every paid invoice.",
  },
  {
    title: "A white-label customer portal",
    body: "Your customers manage subscriptions, invoices, payments and payment methods on a subdomain of your Ciclo or on your own domain, with TLS certificates issued automatically.",
  },
  {
    title: "A REST API for everything",
    body: "JSON over HTTPS with idempotency keys, cursor pagination, ETags and an OpenAPI document. Every account has a test mode sandbox.",
  },
  {
    title: "Yours to host",
    body: "Open source under the AGPL. One Next.js application and PostgreSQL: run it on your own servers and keep your billing data.",
  },
] as const;

export function FeatureGrid() {
  return (
    <section aria-labelledby="features-title" className="pt-8 pb-20">
      <Container>
        <h2 id="features-title" className="text-2xl font-bold tracking-tight text-zinc-950">
          What you get
        </h2>
        <ul className="mt-10 grid gap-6 sm:grid-cols-2">
          {features.map((feature) => (
            <li key={feature.title} className="rounded-xl border border-zinc-200 p-6">
              <h3 className="font-semibold text-zinc-950">{feature.title}</h3>
              <p className="mt-2 leading-7 text-zinc-700">{feature.body}</p>
            </li>
          ))}
        </ul>
      </Container>
    </section>
  );
}
