// In-process throughput of priceAmount for each billing scheme (npx tsx scripts/bench-pricing.ts,
// or benchPricing() from npm run bench). Quantities vary per call so no scheme is measured on a
// single cached path; results feed a sink so the work cannot be optimized away.
// Env when run directly: BENCH_PRICING_MS (ms per scheme, 1000).
import { pathToFileURL } from "node:url";
import { priceAmount } from "@/lib/billing/amount";
import type { PriceTerms, Tier } from "@/lib/billing/price-terms";

const base: PriceTerms = {
  billing_scheme: "per_unit",
  usage_type: "licensed",
  unit_amount_subcents: 299_000,
  package_size: null,
  tiers: null,
  tiers_mode: null,
  included_quantity: 0,
  excess_amount_subcents: null,
  setup_amount_subcents: 0,
  recurring_interval: "month",
  interval_count: 1,
  currency: "BRL",
};

const fourTiers: Tier[] = [
  { up_to: 1_000, unit_amount_subcents: 500, flat_amount_subcents: 0 },
  { up_to: 10_000, unit_amount_subcents: 400, flat_amount_subcents: 10_000 },
  { up_to: 100_000, unit_amount_subcents: 250, flat_amount_subcents: 50_000 },
  { up_to: null, unit_amount_subcents: 100, flat_amount_subcents: 0 },
];

const SCHEMES: Array<{ scheme: string; price: PriceTerms }> = [
  { scheme: "per_unit", price: base },
  { scheme: "package", price: { ...base, billing_scheme: "package", package_size: 100, unit_amount_subcents: 150_000 } },
  { scheme: "tiered graduated (4 tiers)", price: { ...base, billing_scheme: "tiered", tiers_mode: "graduated", unit_amount_subcents: 0, tiers: fourTiers } },
  { scheme: "volume (4 tiers)", price: { ...base, billing_scheme: "volume", tiers_mode: "volume", unit_amount_subcents: 0, tiers: fourTiers } },
  {
    scheme: "metered allowance + excess",
    price: { ...base, usage_type: "metered", unit_amount_subcents: 990_000, included_quantity: 10_000, excess_amount_subcents: 500 },
  },
];

const QUANTITY_SPREAD = 200_000; // reaches every tier of fourTiers and both sides of the allowance
const BATCH = 1_000; // calls between clock reads, so reading the clock is not what we measure

let sink = 0;

function runFor(price: PriceTerms, durationMs: number): number {
  const started = performance.now();
  let calls = 0;
  let quantity = 1;
  while (performance.now() - started < durationMs) {
    for (let i = 0; i < BATCH; i++) {
      quantity = (quantity * 7_919 + 13) % QUANTITY_SPREAD; // cheap deterministic spread
      sink = (sink + priceAmount(price, quantity).amount_cents) % 1_000_003;
    }
    calls += BATCH;
  }
  return calls / ((performance.now() - started) / 1000);
}

/** Calls per second of priceAmount for each scheme, each measured for durationMs after a warm-up. */
export function benchPricing(durationMs = 1000): Array<{ scheme: string; ops_per_s: number }> {
  const warmupMs = Math.min(200, Math.max(20, durationMs / 5));
  return SCHEMES.map(({ scheme, price }) => {
    runFor(price, warmupMs);
    return { scheme, ops_per_s: Math.round(runFor(price, durationMs)) };
  });
}

function printTable(rows: Array<{ scheme: string; ops_per_s: number }>): void {
  const width = Math.max(...rows.map((row) => row.scheme.length));
  console.log(`${"scheme".padEnd(width)}  ${"ops/s".padStart(12)}`);
  for (const row of rows) console.log(`${row.scheme.padEnd(width)}  ${row.ops_per_s.toLocaleString("en-US").padStart(12)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const durationMs = Number(process.env.BENCH_PRICING_MS ?? 1000);
  if (!Number.isFinite(durationMs) || durationMs <= 0) throw new Error("BENCH_PRICING_MS must be a positive number");
  printTable(benchPricing(durationMs));
  if (sink < 0) console.log(sink); // keeps the sink observable
}
