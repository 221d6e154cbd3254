// POST /api/v1/prices/:id/quote — the pricing engine's amount for a quantity (writes nothing)
import { withApi } from "@/lib/api/handler";
import { priceOps } from "@/lib/api/resources/prices";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { getPriceOrThrow, quotePrice } from "@/lib/catalog/prices";

export const POST = withApi(priceOps.quote, async ({ db, tenant, params, body }) => {
  const price = await getPriceOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  const quote = quotePrice(price, body.quantity);
  return ok({ object: "price_quote", price_id: price.id, currency: price.currency, ...quote });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
