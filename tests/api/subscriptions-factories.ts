import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

// A tenant with a small catalog made through the API: Pro (monthly R$ 79.90 / annual R$ 799.00),
// extra seats (R$ 19.90 / R$ 199.00, optional), a plan with both cycles and a 14-day trial.
export async function tenantWithCatalog() {
  const t = await createTenant();
  const key = t.liveKey;
  const pro = (
    await api.post("/api/v1/products", {
      name: "Pro", slug: "pro", product_type: "base",
      prices: [
        { name: "Pro mensal", unit_amount_subcents: 799_000, recurring_interval: "month" },
        { name: "Pro anual", unit_amount_subcents: 7_990_000, recurring_interval: "year" },
      ],
    }, { key })
  ).body;
  const seats = (
    await api.post("/api/v1/products", {
      name: "Usuário extra", slug: "seats", product_type: "addon_quantity",
      prices: [
        { name: "Usuário mensal", unit_amount_subcents: 199_000, recurring_interval: "month" },
        { name: "Usuário anual", unit_amount_subcents: 1_990_000, recurring_interval: "year" },
      ],
    }, { key })
  ).body;
  const plan = (
    await api.post("/api/v1/plans", {
      name: "Pro", slug: "pro", trial_days: 14,
      billing_cycles: [{ interval: "month", interval_count: 1 }, { interval: "year", interval_count: 1 }],
      items: [
        { price_id: pro.prices[0].id }, { price_id: pro.prices[1].id },
        { price_id: seats.prices[0].id, optional: true, quantity: 0 }, { price_id: seats.prices[1].id, optional: true, quantity: 0 },
      ],
    }, { key })
  ).body;
  if (!plan.id) throw new Error(`plan not created: ${JSON.stringify(plan)}`);
  const account = (await api.post("/api/v1/billing_accounts", validAccount(), { key })).body;
  return { t, key, pro, seats, plan, account };
}

/** WhatsApp messages, metered: R$ 29.00 a month includes 1 000; R$ 0.05 each above. Returns the price. */
export async function createWhatsappPrice(key: string): Promise<{ id: string }> {
  const res = await api.post("/api/v1/products", {
    name: "WhatsApp", slug: "whatsapp", product_type: "metered",
    prices: [{ name: "WhatsApp", usage_type: "metered", recurring_interval: "month", unit_amount_subcents: 290_000, included_quantity: 1000, excess_amount_subcents: 500 }],
  }, { key });
  if (res.status !== 201) throw new Error(`product not created: ${JSON.stringify(res.body)}`);
  return res.body.prices[0];
}
