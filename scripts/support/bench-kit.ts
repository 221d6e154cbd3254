import autocannon from "autocannon";

// Shared by the HTTP benchmarks (scripts/bench.ts, scripts/bench-portal.ts): env knobs, one
// autocannon pass, the mean of the measured passes, number formatting and plain-text tables.

/** A positive number from the environment, else `fallback`; anything else is an error. */
export function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export type Pass<N extends string = string> = {
  name: N;
  warmup: boolean;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Answers that verifyBody refused (0 when the pass verifies nothing). */
  mismatches: number;
};

/** One autocannon pass against `options` for `seconds`, printed as one line through `say`. */
export async function autocannonPass<N extends string>(
  name: N,
  options: autocannon.Options,
  input: { seconds: number; connections: number; warmup: boolean; say: (line: string) => void; width?: number },
): Promise<Pass<N>> {
  const r = await autocannon({ ...options, connections: input.connections, duration: input.seconds });
  const pass: Pass<N> = {
    name,
    warmup: input.warmup,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    mismatches: r.mismatches ?? 0,
  };
  const mismatches = options.verifyBody ? `  mismatches ${pass.mismatches}` : "";
  input.say(
    `${input.warmup ? "warm-up " : ""}${name.padEnd(input.width ?? 14)} ${fmt(pass.rps, 0).padStart(7)} req/s  p50 ${fmt(pass.p50)} ms  p99 ${fmt(pass.p99)} ms  non-2xx ${pass.non2xx}  errors ${pass.errors}${mismatches}`,
  );
  return pass;
}

export type PassSummary = { rps: number; p50_ms: number; p99_ms: number; requests: number; non2xx: number };

/** The measured (not warm-up) passes of `name`, with the mean and the sum of a figure over them. */
export function measuredPasses<P extends { name: string; warmup: boolean }>(passes: P[], name: string) {
  const list = passes.filter((p) => p.name === name && !p.warmup);
  const sum = (f: (p: P) => number) => list.reduce((s, p) => s + f(p), 0);
  return { list, sum, mean: (f: (p: P) => number) => sum(f) / list.length };
}

/** Mean req/s and latencies over the measured (not warm-up) passes of `name`; totals of requests and non-2xx. */
export function summarizePasses(passes: Pass[], name: string): PassSummary {
  const { mean, sum } = measuredPasses(passes, name);
  return { rps: mean((p) => p.rps), p50_ms: mean((p) => p.p50), p99_ms: mean((p) => p.p99), requests: sum((p) => p.requests), non2xx: sum((p) => p.non2xx) };
}

export function fmt(n: number, digits = 1): string {
  return n.toFixed(digits);
}

/** Every number of `o` rounded to 2 decimals (for the JSON line); a null stays null. */
export function round<T extends Record<string, number | null>>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null ? null : Number(v.toFixed(2))])) as T;
}

/** A plain-text table: first row the header, first column left-aligned, the others right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}
