// The payment gateways Ciclo can talk to, by name. Only the built-in sandbox so far; a real
// processor registers here behind the same PaymentGateway interface.
import type { PaymentGateway } from "./gateway";
import { createSandboxGateway } from "./sandbox";

export const GATEWAY_NAMES = ["sandbox"] as const;
export type GatewayName = (typeof GATEWAY_NAMES)[number];

const factories: Record<GatewayName, () => PaymentGateway> = {
  sandbox: () => createSandboxGateway(),
};
const instances = new Map<string, PaymentGateway>();

export function getGateway(name: string = "sandbox"): PaymentGateway {
  if (!(GATEWAY_NAMES as readonly string[]).includes(name)) throw new Error(`unknown payment gateway '${name}'`);
  let gateway = instances.get(name);
  if (!gateway) instances.set(name, (gateway = factories[name as GatewayName]()));
  return gateway;
}
