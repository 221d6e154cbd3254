// npm run bench:renewals (also the last part of npm run bench) — the renewal run,
// runRenewals(db, at) from lib/billing-runs/renew.ts, over N due monthly subscriptions of one
// organization: wall time, invoices/s, peak memory, at N = 2 500, 5 000 and 10 000 (the run must
// grow linearly: each time ratio should be close to the size ratio, 2.0), then the largest size
// at several concurrencies. Each measurement runs in its own process (same cold start, its own
// peak memory) on a fresh database (ciclo_bench_renewals on DATABASE_URL's server, else an
// embedded PostgreSQL under .data/pg-bench-renewals), filled with set-based SQL in the shape
// createSubscription writes. Setup is not timed. Each run is checked: N renewals, N cycle invoices
// whose totals match the pricing library, invoice numbers without gaps, nothing left due.
// Reported, never asserted; exits non-zero only when a check fails.
// Wall time on a shared machine is noisy: BENCH_RENEWAL_REPEAT runs each configuration several
// times (round-robin) and keeps the fastest; CPU per renewal (Node + its PostgreSQL backends,
// from /proc) barely moves with other load and gives a second linearity ratio.
// Env: BENCH_RENEWAL_SIZES (2500,5000,10000), BENCH_RENEWAL_CONCURRENCY (1,4,8: tried on the
// largest size; empty to skip), BENCH_RENEWAL_REPEAT (1), BENCH_RENEWAL_BATCH (runRenewals' own default).
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sql as dsql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { schema, type Db } from "@/db";
import { startEmbeddedPostgres } from "@/db/embedded";
import type { Price } from "@/db/schema";
import { dueSubscriptions, runRenewals } from "@/lib/billing-runs/renew";
import { rowToPriceTerms } from "@/lib/catalog/price-input";
import { createProduct } from "@/lib/catalog/products";
import { createProductInput } from "@/lib/catalog/product-input";
import { setClock } from "@/lib/clock";
import { formatNumber } from "@/lib/invoices/sequences";
import { cycleLines, type BillableItem, type CycleInput } from "@/lib/invoices/lines";
import { invoiceTotals } from "@/lib/invoices/totals";
import { createOrganizationWithSandbox } from "@/lib/organizations/create";
import { createCoupon } from "@/lib/promotions/coupons";
import { createCouponInput } from "@/lib/promotions/coupon-input";
import { fmt, table } from "./support/bench-kit";
import { backendCpu, backendCpuUsed, machineJiffies } from "./support/cpu";
import { freshDatabase } from "./support/fresh-database";

const DB_NAME = "ciclo_bench_renewals"; // not ciclo_bench: the API bench may be running at the same time
const DATA_DIR = path.join(process.cwd(), ".data", "pg-bench-renewals");
const SLUG = "bench-renewals";
/** Periods start on 2026-01-01 between 00:00 and 11:59 UTC, so every one has ended at the run instant. */
const FIRST_START = new Date("2026-01-01T00:00:00.000Z");
export const RUN_AT = new Date("2026-02-01T12:00:00.000Z");
const USAGE_RECORDS = 10; // per subscription with usage
const USAGE_QUANTITY = 150; // each: 1 500 a period, above the 1 000 included
const SAMPLE_MS = 50;
const MB = 1024 * 1024;
const APPLICATION_NAME = "ciclo-bench-renewals"; // the measured pool's connections, to find their backends

const say = (line: string) => console.error(`bench-renewals: ${line}`);

type RunResult = {
  size: number;
  concurrency: number | "default";
  wall_s: number;
  invoices_per_s: number;
  statements_per_renewal: number;
  rss_before_mb: number;
  peak_rss_mb: number;
  peak_heap_used_mb: number;
  node_cpu_pct: number;
  /** CPU per renewal, robust to other load on the machine (wall time is not). */
  node_cpu_ms_per_renewal: number;
  pg_cpu_ms_per_renewal: number | null;
  machine_cpu_pct: number | null;
  load_before: number;
  setup_s: number;
  counts: Record<string, number>;
  problems: string[];
};

// ---------------------------------------------------------------------------------------------
// One measurement (child process): fresh database, seed N subscriptions, time runRenewals, check.

/** The subscription's variant by its sequence number: which items, usage and coupon it has. */
const variant = (g: number) => ({ metered: g % 2 === 0, usage: g % 4 === 0, coupon: g % 5 === 0 });

type Catalog = { organizationId: string; licensed: Price; metered: Price; couponId: string; coupon: NonNullable<CycleInput["coupon"]> };

async function createCatalog(db: Db): Promise<Catalog> {
  const { live } = await createOrganizationWithSandbox(db, { name: "Bench Renewals", slug: SLUG });
  const scope = { organizationId: live.id };
  const pro = await createProduct(db, scope, createProductInput.parse({
    name: "Pro", slug: "pro", product_type: "base",
    prices: [{ name: "Pro mensal", unit_amount_subcents: 799_000, recurring_interval: "month" }],
  }));
  const calls = await createProduct(db, scope, createProductInput.parse({
    name: "WhatsApp", slug: "whatsapp", product_type: "metered",
    prices: [{ name: "WhatsApp", usage_type: "metered", recurring_interval: "month", unit_amount_subcents: 290_000, included_quantity: 1000, excess_amount_subcents: 500 }],
  }));
  const coupon = await createCoupon(db, scope, createCouponInput.parse({ code: "PARCEIRO", discount_type: "percentage", percent_off_bps: 1000 }));
  // A merchant listening to every event: each renewal also writes its webhook deliveries (never
  // sent here: no worker runs, so the secret is a placeholder, not a sealed one).
  await db.execute(dsql`insert into webhook_endpoints (organization_id, url, events, secret_ciphertext)
    values (${live.id}, 'https://hooks.example.com/ciclo', array['*']::text[], 'bench-placeholder')`);
  return {
    organizationId: live.id,
    licensed: pro.prices[0]!,
    metered: calls.prices[0]!,
    couponId: coupon.id,
    coupon: { id: coupon.id, code: coupon.code, discount_type: coupon.discountType, percent_off_bps: coupon.percentOffBps, amount_off_cents: coupon.amountOffCents, min_purchase_cents: coupon.minPurchaseCents, max_discount_cents: coupon.maxDiscountCents },
  };
}

/** The lines the pricing library gives a subscription of this variant (first invoice or renewal). */
function expectedLines(c: Catalog, v: ReturnType<typeof variant>, first: boolean) {
  const item = (price: Price, id: string): BillableItem => ({ subscription_item_id: id, price_id: price.id, name: id === "L" ? "Pro" : "WhatsApp", price: rowToPriceTerms(price), quantity: 1 });
  const items = [item(c.licensed, "L"), ...(v.metered ? [item(c.metered, "M")] : [])];
  const period = { start: FIRST_START, end: RUN_AT };
  return cycleLines({
    items, advance: period, arrears: first ? null : period, includeSetup: first,
    usage: new Map([["M", v.usage ? USAGE_RECORDS * USAGE_QUANTITY : 0]]),
    coupon: v.coupon ? c.coupon : null, discountCode: null,
  });
}

/**
 * N billing accounts and N active monthly subscriptions as createSubscription leaves them
 * (subscription, items, version 1 with its snapshot, coupon redemptions counted), each with its
 * first invoice already paid (numbered 1..N), in a handful of set-based statements.
 */
async function seed(sql: postgres.Sql, c: Catalog, n: number): Promise<void> {
  const org = c.organizationId;
  const prefix = formatNumber(SLUG, 0).slice(0, -"000000".length); // "BENCHRENEWALS-"
  const first = { plain: expectedLines(c, { metered: false, usage: false, coupon: false }, true), coupon: expectedLines(c, { metered: false, usage: false, coupon: true }, true) };
  const recurring = first.plain[0]!;
  const discount = first.coupon.find((l) => l.kind === "discount")!;
  const [plainTotal, couponTotal] = [invoiceTotals(first.plain), invoiceTotals(first.coupon)];
  const taxAddress = { line1: "Rua Augusta", number: "1500", complement: null, district: "Consolação", city: "São Paulo", state: "SP", postal_code: "01304-001", country: "BR" };
  const iso = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  await sql.begin(async (tx) => {
    await tx`
      insert into billing_accounts (organization_id, name, legal_name, email, document_type, document, tax_address, external_id, created_at, updated_at)
      select ${org}::uuid, 'Cliente ' || g, 'Cliente ' || g || ' Ltda', 'cliente' || g || '@example.com', 'cnpj', '11.222.333/0001-81',
        ${tx.json(taxAddress)}::jsonb, 'bench-' || g, ${FIRST_START.toISOString()}::timestamptz, ${FIRST_START.toISOString()}::timestamptz
      from generate_series(1, ${n}::int) g`;
    await tx`
      create temp table seed on commit drop as
      select g, a.id as account_id, gen_random_uuid() as subscription_id, gen_random_uuid() as invoice_id,
        gen_random_uuid() as licensed_item_id, case when g % 2 = 0 then gen_random_uuid() end as metered_item_id,
        p.start as period_start, p.start + interval '1 month' as period_end, g % 4 = 0 as with_usage, g % 5 = 0 as with_coupon
      from billing_accounts a
      cross join lateral (select substr(a.external_id, 7)::int as g) s
      cross join lateral (select ${FIRST_START.toISOString()}::timestamptz + (s.g % 720) * interval '1 minute' as start) p
      where a.organization_id = ${org}`;
    await tx`
      insert into subscriptions (id, organization_id, billing_account_id, status, currency, billing_interval, interval_count, billing_cycle_anchor,
        current_period_start, current_period_end, start_at, coupon_id, version, created_at, updated_at)
      select subscription_id, ${org}::uuid, account_id, 'active', ${c.licensed.currency}::text, 'month', 1, period_start,
        period_start, period_end, period_start, case when with_coupon then ${c.couponId}::uuid end, 1, period_start, period_start
      from seed`;
    // Items in the order given: created_at one millisecond apart, as createSubscription does.
    await tx`
      insert into subscription_items (id, organization_id, subscription_id, product_id, price_id, quantity, created_at, updated_at)
      select licensed_item_id, ${org}::uuid, subscription_id, ${c.licensed.productId}::uuid, ${c.licensed.id}::uuid, 1, period_start, period_start from seed
      union all
      select metered_item_id, ${org}::uuid, subscription_id, ${c.metered.productId}::uuid, ${c.metered.id}::uuid, 1, period_start + interval '1 millisecond', period_start from seed
      where metered_item_id is not null`;
    // Version 1: the snapshot writeVersion stores (the row and its items as JSON.stringify writes them).
    await tx.unsafe(`
      insert into subscription_versions (organization_id, subscription_id, version, reason, actor, snapshot, created_at)
      select s.organization_id, s.id, 1, 'created', 'api_key:bench', jsonb_build_object(
        'id', s.id, 'organizationId', s.organization_id, 'billingAccountId', s.billing_account_id, 'planId', s.plan_id, 'status', s.status,
        'currency', s.currency, 'billingInterval', s.billing_interval, 'intervalCount', s.interval_count,
        'billingCycleAnchor', ${iso("s.billing_cycle_anchor")}, 'currentPeriodStart', ${iso("s.current_period_start")},
        'currentPeriodEnd', ${iso("s.current_period_end")}, 'startAt', ${iso("s.start_at")}, 'trialStart', ${iso("s.trial_start")},
        'trialEnd', ${iso("s.trial_end")}, 'cancelAtPeriodEnd', s.cancel_at_period_end, 'canceledAt', ${iso("s.canceled_at")},
        'cancellationReason', s.cancellation_reason, 'endedAt', ${iso("s.ended_at")}, 'pausedAt', ${iso("s.paused_at")},
        'resumeAt', ${iso("s.resume_at")}, 'couponId', s.coupon_id, 'discountCodeId', s.discount_code_id, 'pendingChange', s.pending_change,
        'version', s.version, 'metadata', s.metadata, 'createdAt', ${iso("s.created_at")}, 'updatedAt', ${iso("s.updated_at")},
        'items', (select jsonb_agg(jsonb_build_object('id', i.id, 'organizationId', i.organization_id, 'subscriptionId', i.subscription_id,
            'productId', i.product_id, 'priceId', i.price_id, 'quantity', i.quantity, 'createdAt', ${iso("i.created_at")}, 'updatedAt', ${iso("i.updated_at")})
          order by i.created_at, i.id) from subscription_items i where i.subscription_id = s.id)
      ), s.created_at
      from subscriptions s where s.organization_id = $1`, [org]);
    await tx`update coupons set times_used = (select count(*) from seed where with_coupon) where id = ${c.couponId}`;
    await tx`
      insert into usage_records (organization_id, subscription_item_id, quantity, action, timestamp, idempotency_key, created_at)
      select ${org}::uuid, metered_item_id, ${USAGE_QUANTITY}::bigint, 'increment', t.at, 'seed-' || g || '-' || k, t.at
      from seed cross join generate_series(0, ${USAGE_RECORDS - 1}::int) k
      cross join lateral (select period_start + k * interval '3 days' + interval '1 hour' as at) t
      where with_usage`;
    // The first period's invoice, already paid: what createSubscription's invoice becomes.
    await tx`
      insert into invoices (id, organization_id, billing_account_id, subscription_id, status, number, currency, billing_reason, period_start, period_end,
        subtotal_cents, discount_cents, total_cents, amount_due_cents, amount_paid_cents, due_at, finalized_at, paid_at, customer, created_at, updated_at)
      select s.invoice_id, ${org}::uuid, s.account_id, s.subscription_id, 'paid',
        ${prefix}::text || case when length(s.g::text) >= 6 then s.g::text else lpad(s.g::text, 6, '0') end,
        ${c.licensed.currency}::text, 'subscription_create', s.period_start, s.period_end,
        ${plainTotal.subtotal_cents}::bigint, case when s.with_coupon then ${couponTotal.discount_cents}::bigint else 0 end,
        case when s.with_coupon then ${couponTotal.total_cents}::bigint else ${plainTotal.total_cents}::bigint end,
        case when s.with_coupon then ${couponTotal.total_cents}::bigint else ${plainTotal.total_cents}::bigint end,
        case when s.with_coupon then ${couponTotal.total_cents}::bigint else ${plainTotal.total_cents}::bigint end,
        s.period_start + interval '7 days', s.period_start, s.period_start,
        jsonb_build_object('name', a.name, 'legal_name', a.legal_name, 'email', a.email, 'document_type', a.document_type, 'document', a.document, 'tax_address', a.tax_address),
        s.period_start, s.period_start
      from seed s join billing_accounts a on a.id = s.account_id`;
    await tx`
      insert into invoice_lines (organization_id, invoice_id, position, kind, description, quantity, unit_amount_subcents, amount_cents, price_id,
        subscription_item_id, period_start, period_end, created_at)
      select ${org}::uuid, invoice_id, 1, 'recurring', ${recurring.description}::text, ${recurring.quantity}::bigint, ${recurring.unit_amount_subcents}::bigint, ${recurring.amount_cents}::bigint,
        ${c.licensed.id}::uuid, licensed_item_id, period_start, period_end, period_start
      from seed`;
    await tx`
      insert into invoice_lines (organization_id, invoice_id, position, kind, description, amount_cents, discount_source, coupon_id, created_at)
      select ${org}::uuid, invoice_id, 2, 'discount', ${discount.description}::text, ${discount.amount_cents}::bigint, 'coupon', ${c.couponId}::uuid, period_start
      from seed where with_coupon`;
    await tx`
      insert into number_sequences (organization_id, name, last_value) values (${org}, 'invoice', ${n})
      on conflict (organization_id, name) do update set last_value = excluded.last_value`;
  });
  // A database in service has statistics and a recent checkpoint: the run should not pay for the seed's.
  await sql`analyze`;
  await sql`checkpoint`.catch(() => say("checkpoint refused (not a superuser): the run may include the seed's checkpoint"));
}

/** What must hold after the run: one numbered cycle invoice per subscription, nothing left due. */
async function check(db: Db, sql: postgres.Sql, c: Catalog, n: number, counts: Record<string, number>): Promise<string[]> {
  const problems: string[] = [];
  if (counts.renewed !== n || counts.failed !== 0) problems.push(`runRenewals counted ${JSON.stringify(counts)}, expected ${n} renewed`);
  const [cycle] = await sql<{ invoices: number; subscriptions: number; on_period: number; drafts: number; total: string }[]>`
    select count(*)::int as invoices, count(distinct i.subscription_id)::int as subscriptions,
      count(*) filter (where i.period_start = s.current_period_start and i.period_start = s.billing_cycle_anchor + interval '1 month')::int as on_period,
      count(*) filter (where i.status = 'draft')::int as drafts, coalesce(sum(i.total_cents), 0)::text as total
    from invoices i join subscriptions s on s.id = i.subscription_id
    where i.organization_id = ${c.organizationId} and i.billing_reason = 'subscription_cycle'`;
  if (cycle!.invoices !== n || cycle!.subscriptions !== n) problems.push(`${cycle!.invoices} cycle invoices for ${cycle!.subscriptions} subscriptions, expected ${n}`);
  if (cycle!.on_period !== n) problems.push(`${n - cycle!.on_period} cycle invoices not for the subscription's new period`);
  if (cycle!.drafts !== 0) problems.push(`${cycle!.drafts} cycle invoices left in draft`);
  let expectedTotal = 0;
  const totals = new Map<string, number>();
  for (let g = 1; g <= n; g++) {
    const v = variant(g);
    const key = JSON.stringify(v);
    if (!totals.has(key)) totals.set(key, invoiceTotals(expectedLines(c, v, false)).total_cents);
    expectedTotal += totals.get(key)!;
  }
  if (Number(cycle!.total) !== expectedTotal) problems.push(`cycle invoices total ${cycle!.total} cents, the pricing library says ${expectedTotal}`);
  const [numbers] = await sql<{ numbered: number; distinct_n: number; lo: number; hi: number; last_value: number }[]>`
    select count(*)::int as numbered, count(distinct x.n)::int as distinct_n, min(x.n)::int as lo, max(x.n)::int as hi,
      (select last_value from number_sequences where organization_id = ${c.organizationId} and name = 'invoice')::int as last_value
    from invoices i cross join lateral (select substring(i.number from '[0-9]+$')::int as n) x
    where i.organization_id = ${c.organizationId} and i.number is not null`;
  const { numbered, distinct_n, lo, hi, last_value } = numbers!;
  if (numbered !== 2 * n || distinct_n !== 2 * n || lo !== 1 || hi !== 2 * n || last_value !== 2 * n) {
    problems.push(`invoice numbers not gapless: ${numbered} numbered (${distinct_n} distinct) from ${lo} to ${hi}, sequence at ${last_value}; expected 1..${2 * n}`);
  }
  const [versions] = await sql<{ n: number }[]>`select count(*)::int as n from subscription_versions where organization_id = ${c.organizationId} and version = 2 and reason = 'renewed'`;
  if (versions!.n !== n) problems.push(`${versions!.n} 'renewed' versions, expected ${n}`);
  const due = await dueSubscriptions(db, RUN_AT, 1);
  if (due.length > 0) problems.push("subscriptions are still due after the run");
  return problems;
}

async function measure(size: number, concurrency: number | undefined, batch: number | undefined): Promise<RunResult> {
  const database = await freshDatabase(DB_NAME, { dataDir: DATA_DIR, say });
  // The worker's pool (db/index.ts getDb: max DATABASE_POOL_SIZE, 10), counting statements.
  let statements = 0;
  const client = postgres(database.url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {}, connection: { application_name: APPLICATION_NAME } });
  const db = drizzle(client, { schema, logger: { logQuery: () => void statements++ } });
  const seedSql = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    const setupStarted = performance.now();
    const catalog = await createCatalog(db);
    await seed(seedSql, catalog, size);
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    say(`${size} subscriptions seeded in ${setupSeconds.toFixed(1)} s; renewing at concurrency ${concurrency ?? "default"}`);
    setClock(RUN_AT);

    const loadBefore = os.loadavg()[0]!;
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sample = () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    };
    const sampler = setInterval(sample, SAMPLE_MS);
    statements = 0;
    const pgBefore = await backendCpu(seedSql, APPLICATION_NAME);
    const cpu = process.cpuUsage();
    const machine = machineJiffies();
    const started = performance.now();
    const counts = await runRenewals(db, RUN_AT, { ...(concurrency && { concurrency }), ...(batch && { batch }) });
    const wall = (performance.now() - started) / 1000;
    const cpuUsed = process.cpuUsage(cpu);
    const machineAfter = machineJiffies();
    clearInterval(sampler);
    sample();
    const runStatements = statements;
    const pgAfter = await backendCpu(seedSql, APPLICATION_NAME);
    const pgCpuMs = backendCpuUsed(pgBefore, pgAfter);

    const problems = await check(db, seedSql, catalog, size, counts);
    return {
      size,
      concurrency: concurrency ?? "default",
      wall_s: wall,
      invoices_per_s: size / wall,
      statements_per_renewal: runStatements / size,
      rss_before_mb: before.rss / MB,
      peak_rss_mb: peakRss / MB,
      peak_heap_used_mb: peakHeap / MB,
      node_cpu_pct: ((cpuUsed.user + cpuUsed.system) / 1e6 / wall) * 100,
      node_cpu_ms_per_renewal: (cpuUsed.user + cpuUsed.system) / 1000 / size,
      pg_cpu_ms_per_renewal: pgCpuMs === null ? null : pgCpuMs / size,
      machine_cpu_pct: machine && machineAfter ? ((machineAfter.busy - machine.busy) / (machineAfter.total - machine.total)) * 100 : null,
      load_before: loadBefore,
      setup_s: setupSeconds,
      counts,
      problems,
    };
  } finally {
    await client.end({ timeout: 5 });
    await seedSql.end({ timeout: 5 });
    await database.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// The orchestration (parent process): one child per measurement, then the tables and ratios.

function list(name: string, fallback: string): number[] {
  const raw = process.env[name] ?? fallback;
  const values = raw.split(",").map((s) => s.trim()).filter(Boolean).map(Number);
  if (values.some((v) => !Number.isSafeInteger(v) || v <= 0)) throw new Error(`${name} must be a comma-separated list of positive integers`);
  return values;
}

function runChild(size: number, concurrency: number | undefined, env: NodeJS.ProcessEnv): Promise<RunResult> {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), "--measure", String(size), String(concurrency ?? "default")];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      try {
        resolve(JSON.parse(last) as RunResult);
      } catch {
        reject(new Error(`measurement of ${size} at concurrency ${concurrency ?? "default"} exited with code ${code} without a result`));
      }
    });
  });
}

/** The repetitions of one configuration: the fastest run stands for it (the least disturbed on a shared machine). */
type Summary = RunResult & { walls: number[]; cpu_s: number | null };

function summarize(runs: RunResult[]): Summary {
  const best = runs.reduce((a, b) => (b.wall_s < a.wall_s ? b : a));
  const cpu = (r: RunResult) => (r.pg_cpu_ms_per_renewal === null ? null : ((r.node_cpu_ms_per_renewal + r.pg_cpu_ms_per_renewal) * r.size) / 1000);
  const cpus = runs.map(cpu);
  return {
    ...best,
    peak_rss_mb: Math.max(...runs.map((r) => r.peak_rss_mb)), // memory: the worst run
    peak_heap_used_mb: Math.max(...runs.map((r) => r.peak_heap_used_mb)),
    walls: runs.map((r) => r.wall_s),
    cpu_s: cpus.every((c) => c !== null) ? Math.min(...(cpus as number[])) : null,
    problems: runs.flatMap((r) => r.problems),
  };
}

const header = ["size", "concurrency", "wall s", "invoices/s", "ms/renewal", "stmts/renewal", "CPU ms/renewal node+pg", "peak RSS MB", "peak heap MB", "RSS before MB", "machine CPU", "load before", "all walls s"];
const row = (r: Summary) => [
  String(r.size), String(r.concurrency), fmt(r.wall_s, 2), fmt(r.invoices_per_s, 0), fmt((r.wall_s * 1000) / r.size, 2), fmt(r.statements_per_renewal, 1),
  `${fmt(r.node_cpu_ms_per_renewal, 2)}+${r.pg_cpu_ms_per_renewal === null ? "?" : fmt(r.pg_cpu_ms_per_renewal, 2)}`,
  fmt(r.peak_rss_mb, 0), fmt(r.peak_heap_used_mb, 0), fmt(r.rss_before_mb, 0), r.machine_cpu_pct === null ? "-" : `${fmt(r.machine_cpu_pct, 0)}%`, fmt(r.load_before, 2),
  r.walls.map((w) => fmt(w, 1)).join(" "),
];

/** Runs every measurement and prints the results; the process exit code (1 when a check failed). */
async function benchRenewals(): Promise<number> {
  const sizes = list("BENCH_RENEWAL_SIZES", "2500,5000,10000");
  const concurrencies = process.env.BENCH_RENEWAL_CONCURRENCY === "" ? [] : list("BENCH_RENEWAL_CONCURRENCY", "1,4,8");
  const [repeat] = list("BENCH_RENEWAL_REPEAT", "1");
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" };
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(DATA_DIR);
    env.DATABASE_URL = embedded.url("postgres");
    say(`embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${path.relative(process.cwd(), DATA_DIR)})`);
  }
  try {
    const largest = Math.max(...sizes);
    const plan: Array<{ size: number; concurrency: number | undefined }> = [
      ...sizes.map((size) => ({ size, concurrency: undefined })),
      ...concurrencies.map((concurrency) => ({ size: largest, concurrency })),
    ];
    // Round-robin over the repetitions, so a busy spell on the machine does not hit one configuration only.
    const results = plan.map((): RunResult[] => []);
    for (let rep = 0; rep < repeat!; rep++) {
      for (const [i, m] of plan.entries()) results[i]!.push(await runChild(m.size, m.concurrency, env));
    }
    const bySize = results.slice(0, sizes.length).map(summarize);
    const byConcurrency = results.slice(sizes.length).map(summarize);

    console.log("");
    console.log(`Renewal run: runRenewals over N due monthly subscriptions (1 in 2 with a metered item, 1 in 4 with usage, 1 in 5 with a coupon),`);
    console.log(`one process and a fresh database per run, ${repeat === 1 ? "one run each" : `fastest of ${repeat} runs each (peak memory: the highest)`}; ` +
      `${os.cpus().length} CPUs shared by Node and PostgreSQL${embedded ? " (embedded)" : ""}.`);
    console.log(table([header, ...bySize.map(row)]));
    const sorted = [...bySize].sort((a, b) => a.size - b.size);
    const ratios = sorted.slice(1).map((r, i) => {
      const prev = sorted[i]!;
      return {
        from: prev.size, to: r.size, size_ratio: r.size / prev.size, time_ratio: r.wall_s / prev.wall_s,
        cpu_ratio: r.cpu_s !== null && prev.cpu_s !== null ? r.cpu_s / prev.cpu_s : null,
      };
    });
    for (const r of ratios) {
      console.log(`time(${r.to})/time(${r.from}) = ${fmt(r.time_ratio, 2)}, CPU ${r.cpu_ratio === null ? "?" : fmt(r.cpu_ratio, 2)}  (size ratio ${fmt(r.size_ratio, 2)}: equal means linear)`);
    }
    let best: Summary | undefined;
    if (byConcurrency.length) {
      console.log("");
      console.log(`Concurrency at ${largest} subscriptions:`);
      console.log(table([header, ...byConcurrency.map(row)]));
      best = byConcurrency.reduce((a, b) => (b.invoices_per_s > a.invoices_per_s ? b : a));
      const others = byConcurrency.filter((r) => r !== best).map((r) => `${fmt((best!.invoices_per_s / r.invoices_per_s - 1) * 100, 0)}% over ${r.concurrency}`);
      console.log(`best: concurrency ${best.concurrency} (${fmt(best.invoices_per_s, 0)} invoices/s${others.length ? `; ${others.join(", ")}` : ""})`);
    }
    const all = [...bySize, ...byConcurrency];
    const problems = all.flatMap((r) => r.problems.map((p) => `${r.size} at ${r.concurrency}: ${p}`));
    for (const p of problems) console.error(`bench-renewals: CHECK FAILED ${p}`);
    if (!problems.length) console.log(`checks: every run renewed all N, N cycle invoices matching the pricing library, numbers gapless, nothing left due`);
    const round = (r: Summary) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? Number(v.toFixed(3)) : v]));
    const round3 = (v: number | null) => (v === null ? null : Number(v.toFixed(3)));
    console.log(JSON.stringify({
      bench: "ciclo-renewal-run", cpus: os.cpus().length, database: embedded ? "embedded" : "DATABASE_URL", repeat,
      runs: bySize.map(round), linearity: ratios.map((r) => ({ ...r, time_ratio: round3(r.time_ratio), cpu_ratio: round3(r.cpu_ratio) })),
      concurrency: byConcurrency.map(round), best_concurrency: best?.concurrency ?? null, problems,
    }));
    return problems.length ? 1 : 0;
  } finally {
    await embedded?.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let code = 1;
  try {
    if (process.argv[2] === "--measure") {
      const size = Number(process.argv[3]);
      const concurrency = process.argv[4] === "default" ? undefined : Number(process.argv[4]);
      const batch = process.env.BENCH_RENEWAL_BATCH ? Number(process.env.BENCH_RENEWAL_BATCH) : undefined;
      const result = await measure(size, concurrency, batch);
      console.log(JSON.stringify(result));
      code = 0;
    } else {
      code = await benchRenewals();
    }
  } catch (error) {
    console.error(`bench-renewals: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  process.exit(code);
}
