import fs from "node:fs";
import type postgres from "postgres";

// CPU time from Linux's /proc, for benchmarks: CPU spent per unit of work barely moves with
// other load on the machine, where wall-clock throughput does. Null where /proc (or the
// database server's processes) cannot be read, e.g. a remote PostgreSQL.

const CLOCK_TICKS = 100; // USER_HZ of /proc/<pid>/stat on Linux

/** utime + stime of a process, in ms; null when it cannot be read. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // from field 3 (state) on
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** CPU time (ms) of the PostgreSQL backends of `applicationName` (optionally on one database), by pid. */
export async function backendCpu(sql: postgres.Sql, applicationName: string, database?: string): Promise<Map<number, number> | null> {
  const rows = database
    ? await sql<{ pid: number }[]>`select pid from pg_stat_activity where application_name = ${applicationName} and datname = ${database}`
    : await sql<{ pid: number }[]>`select pid from pg_stat_activity where application_name = ${applicationName}`;
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = processCpuMs(pid);
    if (ms === null) return null;
    cpu.set(pid, ms);
  }
  return cpu;
}

/** CPU used by the backends between two readings (a backend that appeared in between counts from zero). */
export function backendCpuUsed(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  return [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);
}

/** Busy and total jiffies of the whole machine, for its CPU use over a run. */
export function machineJiffies(): { busy: number; total: number } | null {
  try {
    const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    const total = fields.reduce((s, f) => s + f, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}
