// Runs once when the Next.js server starts: validate the environment, start job workers.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { validateEnvOrExit } = await import("./lib/env");
  const env = validateEnvOrExit();
  if (env.CICLO_WORKERS === "on" && env.DATABASE_URL) {
    const { startWorkers } = await import("./lib/jobs/worker");
    const { log } = await import("./lib/log");
    await startWorkers().catch((error: unknown) => log.error("job workers failed to start", { error }));
  }
  const { flushRequestLogsOnShutdown } = await import("./lib/api/request-log");
  flushRequestLogsOnShutdown();
}
