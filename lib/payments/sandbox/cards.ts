// Card rules of the sandbox processor: test cards, Luhn, brand by prefix, and the checks a real
// processor makes when it tokenizes a card. Pure functions: no database, no clock of their own.
import { GatewayInputError, type CardInput, type DeclineCode } from "../gateway";

/** Numbers with a scripted outcome (docs/payments.md). Any other Luhn-valid number succeeds. */
export const TEST_CARDS: Readonly<Record<string, { brand: string; outcome: DeclineCode | null }>> = {
  "4242424242424242": { brand: "visa", outcome: null },
  "5555555555554444": { brand: "mastercard", outcome: null },
  "4000000000009995": { brand: "visa", outcome: "insufficient_funds" },
  "4000000000000002": { brand: "visa", outcome: "card_declined" },
  "4000000000000069": { brand: "visa", outcome: "expired_card" },
  "4000000000000119": { brand: "visa", outcome: "processing_error" },
};

export const DECLINE_MESSAGES: Readonly<Record<DeclineCode, string>> = {
  insufficient_funds: "The card has insufficient funds",
  card_declined: "The card was declined",
  expired_card: "The card has expired",
  processing_error: "An error occurred while processing the card",
};

/** The Luhn (mod 10) check every card number carries in its last digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

// Elo and Hipercard BINs overlap Visa's 4 and Discover's 6, so they are matched first.
// Ranges are [from, to] over the first six digits.
const ELO_BINS: Array<[number, number]> = [
  [401178, 401179], [431274, 431274], [438935, 438935], [451416, 451416], [457393, 457393], [457631, 457632],
  [504175, 504175], [506699, 506778], [509000, 509999], [627780, 627780], [636297, 636297], [636368, 636368],
  [650031, 650033], [650035, 650051], [650405, 650439], [650485, 650538], [650541, 650598], [650700, 650718],
  [650720, 650727], [650901, 650978], [651652, 651679], [655000, 655019], [655021, 655058],
];
const HIPERCARD_BINS: Array<[number, number]> = [
  [606282, 606282], [384100, 384100], [384140, 384140], [384160, 384160], [637095, 637095], [637568, 637568],
  [637599, 637599], [637609, 637609], [637612, 637612],
];

const inBins = (bin: number, bins: Array<[number, number]>) => bins.some(([from, to]) => bin >= from && bin <= to);

/** The card brand by number prefix: visa, mastercard, amex, elo, hipercard, diners, discover, jcb or unknown. */
export function cardBrand(digits: string): string {
  const bin = Number(digits.slice(0, 6));
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (inBins(bin, ELO_BINS)) return "elo";
  if (inBins(bin, HIPERCARD_BINS)) return "hipercard";
  if (two === 34 || two === 37) return "amex";
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return "mastercard";
  if (digits.startsWith("4")) return "visa";
  if (two === 36 || two === 38 || (four >= 3000 && four <= 3059)) return "diners";
  if (digits.startsWith("6011") || two === 65 || (bin >= 644000 && bin <= 649999)) return "discover";
  if (four >= 3528 && four <= 3589) return "jcb";
  return "unknown";
}

/** A card is good through the last day of its expiry month (UTC). */
export function cardExpired(expMonth: number, expYear: number, at: Date): boolean {
  const year = at.getUTCFullYear();
  return expYear < year || (expYear === year && expMonth < at.getUTCMonth() + 1);
}

export type ValidCard = { digits: string; brand: string; last4: string; exp_month: number; exp_year: number; outcome: DeclineCode | null };

/** Validates what a card form sends; GatewayInputError names the field. Messages never echo the number. */
export function validateCard(card: CardInput, at: Date): ValidCard {
  const digits = typeof card.number === "string" ? card.number.replace(/[\s-]/g, "") : "";
  if (!/^\d+$/.test(digits)) throw new GatewayInputError("number", "must be a card number made of digits");
  if (digits.length < 13 || digits.length > 19) throw new GatewayInputError("number", "must have 13 to 19 digits");
  if (!luhnValid(digits)) throw new GatewayInputError("number", "is not a valid card number (check digit does not match)");
  if (!Number.isInteger(card.exp_month) || card.exp_month < 1 || card.exp_month > 12) {
    throw new GatewayInputError("exp_month", "must be a month from 1 to 12");
  }
  const year = at.getUTCFullYear();
  if (!Number.isInteger(card.exp_year) || card.exp_year < year || card.exp_year > year + 50) {
    throw new GatewayInputError("exp_year", card.exp_year < year ? "the card has expired" : `must be a four-digit year from ${year} to ${year + 50}`);
  }
  if (cardExpired(card.exp_month, card.exp_year, at)) throw new GatewayInputError("exp_month", "the card has expired");
  if (typeof card.cvc !== "string" || !/^\d{3,4}$/.test(card.cvc)) throw new GatewayInputError("cvc", "must be 3 or 4 digits");
  const scripted = TEST_CARDS[digits];
  return {
    digits,
    brand: scripted?.brand ?? cardBrand(digits),
    last4: digits.slice(-4),
    exp_month: card.exp_month,
    exp_year: card.exp_year,
    outcome: scripted?.outcome ?? null,
  };
}
