import { currentRequestId } from "./request-context";

// Structured JSON logs, one line each. Inside an API request every line carries its request id.
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };


function threshold(): number {
  const configured = (process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info")) as Level | "silent";
  return order[configured] ?? order.info;
}

/** Errors with their cause chain (drivers wrap the interesting part) and SQLSTATE-like codes. */
function serializeError(error: Error, depth = 0): Record<string, unknown> {
  const { code } = error as { code?: unknown };
  const out: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
  if (code !== undefined) out.code = code;
  if (error.cause instanceof Error && depth < 5) out.cause = serializeError(error.cause, depth + 1);
  return out;
}

function write(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (order[level] < threshold()) return;
  const line: Record<string, unknown> = { level, time: new Date().toISOString(), msg };
  const requestId = currentRequestId();
  if (requestId) line.request_id = requestId;
  for (const [k, v] of Object.entries(fields)) line[k] = v instanceof Error ? serializeError(v) : v;
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${JSON.stringify(line)}\n`);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
