import { api } from "./api";

// Cards and payment methods through the public endpoints, as a merchant's integration does.
export const expYear = new Date().getUTCFullYear() + 3;
export const TEST_CARD = {
  ok: "4242424242424242",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
  expired: "4000000000000069",
  processingError: "4000000000000119",
} as const;

export async function cardToken(number: string = TEST_CARD.ok): Promise<string> {
  const res = await api.post("/api/v1/gateway/sandbox/tokens", { number, exp_month: 12, exp_year: expYear, cvc: "123" });
  if (res.status !== 201) throw new Error(`tokenize failed: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function attachCard(key: string, accountId: string, number: string = TEST_CARD.ok, role?: "default" | "backup"): Promise<string> {
  const res = await api.post(`/api/v1/billing_accounts/${accountId}/payment_methods`, { type: "card", token: await cardToken(number), ...(role && { role }) }, { key });
  if (res.status !== 201) throw new Error(`attach failed: ${JSON.stringify(res.body)}`);
  return res.body.id;
}
