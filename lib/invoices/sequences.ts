import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";

// Gapless numbers per organization: the counter row is incremented inside the transaction that
// uses the number, so a rollback gives the number back and concurrent finalizations queue on the
// row lock (numbers follow commit order, without holes).
export async function nextNumber(tx: DbOrTx, organizationId: string, name: "invoice" | "receipt"): Promise<number> {
  const [row] = await tx.execute<{ last_value: number }>(sql`
    insert into number_sequences (organization_id, name, last_value) values (${organizationId}, ${name}, 1)
    on conflict (organization_id, name) do update set last_value = number_sequences.last_value + 1
    returning last_value`);
  return Number(row!.last_value);
}

/** ACME-000042: the organization's slug without dashes, upper-cased (at most 24 characters). */
export function formatNumber(slug: string, n: number): string {
  return `${slug.replaceAll("-", "").slice(0, 24).toUpperCase()}-${String(n).padStart(6, "0")}`;
}
