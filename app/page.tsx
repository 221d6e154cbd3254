// The landing page of the root host: what Ciclo is, and the way into the admin and the API.
import type { Metadata } from "next";
import { FeatureGrid } from "@/components/marketing/feature-grid";
import { Hero } from "@/components/marketing/hero";
import { SiteFooter } from "@/components/marketing/site-footer";
import { SiteHeader } from "@/components/marketing/site-header";

export const metadata: Metadata = {
  title: "Ciclo — open-source subscription billing",
  description:
    "Self-hostable subscription billing with a white-label customer portal. Brazil-first: BRL, CPF/CNPJ, boleto, PIX and NF-e.",
};

export default function LandingPage() {
  return (
    <>
      <SiteHeader />
      <main id="main">
        <Hero />
        <FeatureGrid />
      </main>
      <SiteFooter />
    </>
  );
}
