// Playwright: real Chromium (Debian's /usr/bin/chromium, never a downloaded one) against the
// production build on a fresh, seeded database (e2e/server.ts). `npm run build` first.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3310);

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: true,
  reporter: "list",
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        // Tenant portals live on <slug>.localhost: resolve them to loopback without /etc/hosts.
        "--host-resolver-rules=MAP *.localhost 127.0.0.1",
      ],
    },
  },
  webServer: {
    command: "node_modules/.bin/tsx e2e/server.ts",
    url: `http://localhost:${port}/api/v1/health/live`,
    env: { E2E_PORT: String(port) },
    timeout: 180_000,
    // Every run gets a freshly seeded database; E2E_REUSE_SERVER=1 reuses one already on the port.
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
