import type { UsageSnapshot } from "@/db/schema";

// The calendar windows of usage snapshots: UTC days and UTC months.

export function startOfUtcMonth(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function nextUtcMonth(monthStart: Date): Date {
  return new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() + 1, 1));
}

/** The end of a snapshot's window: the next UTC day or month. */
export function snapshotPeriodEnd(row: Pick<UsageSnapshot, "granularity" | "periodStart">): Date {
  return row.granularity === "day" ? new Date(row.periodStart.getTime() + 24 * 60 * 60 * 1000) : nextUtcMonth(row.periodStart);
}
