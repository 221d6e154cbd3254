import { invalid } from "@/lib/api/errors";
import { GatewayInputError, type PaymentGateway, type TokenizedCard } from "@/lib/payments/gateway";
import { getGateway } from "@/lib/payments/gateways";
import type { CardTokenInput } from "./input";

// Card tokenization for the portal's card form: the number goes to the gateway and only the
// token comes back. The gateway's input errors become 422s naming the field.
export async function createCardToken(input: CardTokenInput, gateway: PaymentGateway = getGateway("sandbox")): Promise<TokenizedCard> {
  try {
    return await gateway.tokenizeCard(input);
  } catch (error) {
    if (error instanceof GatewayInputError) throw invalid(error.param, error.message);
    throw error;
  }
}
