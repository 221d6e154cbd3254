import { defineConfig } from "drizzle-kit";

// `npm run db:generate` diffs db/schema against db/migrations and writes a new migration.
// Generation needs no database; applying is `npm run db:migrate` (scripts/migrate.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/ciclo" },
});
