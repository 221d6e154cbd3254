// The sandbox free field ("campo livre", barcode positions 20–44). Each bank lays these 25
// digits out its own way; the sandbox uses Banco do Brasil's layout for 7-digit agreements
// ("convênio de 7 dígitos"), because it has no check digits of its own and is widely documented:
//
//   000000            6 zeros
//   agreement (7)     the convênio number          ┐ together the 17-digit "nosso número"
//   our number (10)   the slip's sequence number   ┘ (the beneficiary's reference for the slip)
//   wallet (2)        the carteira, e.g. 17
//
// Real BB slips need a registered convênio; in the sandbox these are just identifiers.

import { FREE_FIELD_LENGTH } from "./barcode";
import { BoletoFormatError } from "./errors";

export interface SandboxFreeFieldInput {
  /** Convênio, 0..9 999 999. */
  agreement: number;
  /** Nosso número sequence, 0..9 999 999 999. */
  ourNumber: number;
  /** Carteira, 0..99. */
  wallet: number;
}

const LAYOUT = [
  { name: "agreement", digits: 7 },
  { name: "ourNumber", digits: 10 },
  { name: "wallet", digits: 2 },
] as const;

export function sandboxFreeField(input: SandboxFreeFieldInput): string {
  let field = "000000";
  for (const { name, digits } of LAYOUT) {
    const value = input[name];
    if (!Number.isSafeInteger(value) || value < 0 || value >= 10 ** digits) {
      throw new RangeError(`${name} must be a whole number of at most ${digits} digits, got ${value}`);
    }
    field += String(value).padStart(digits, "0");
  }
  return field;
}

/** The agreement, our number and wallet of a sandbox free field. */
export function parseSandboxFreeField(freeField: string): SandboxFreeFieldInput {
  if (freeField.length !== FREE_FIELD_LENGTH || !/^000000\d{19}$/.test(freeField)) {
    throw new BoletoFormatError(`not a sandbox free field (000000 + 19 digits): ${JSON.stringify(freeField)}`);
  }
  return {
    agreement: Number(freeField.slice(6, 13)),
    ourNumber: Number(freeField.slice(13, 23)),
    wallet: Number(freeField.slice(23, 25)),
  };
}
