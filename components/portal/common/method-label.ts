import type { PaymentMethodType } from "@/db/schema";
import type { PortalMessages } from "@/lib/i18n/messages/portal";

// A payment method in words: "Visa ending in 4242", "PIX", "Boleto".
export function methodLabel(m: PortalMessages["methods"], method: { type: PaymentMethodType; cardBrand?: string | null; cardLast4?: string | null }): string {
  if (method.type === "card") return m.card(brandName(method.cardBrand), method.cardLast4 ?? "••••");
  return method.type === "pix" ? m.pix : m.boleto;
}

const BRANDS: Record<string, string> = { visa: "Visa", mastercard: "Mastercard", amex: "American Express", elo: "Elo", hipercard: "Hipercard", discover: "Discover" };

export const brandName = (brand: string | null | undefined) => (brand ? (BRANDS[brand.toLowerCase()] ?? brand) : "Card");
