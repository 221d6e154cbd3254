// Drizzle wraps driver errors (DrizzleQueryError.cause is postgres.js's PostgresError).
export type PgError = { code: string; constraint_name?: string; detail?: string };

export function pgError(error: unknown): PgError | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return e as PgError;
  }
  return null;
}

export const isUniqueViolation = (error: unknown, constraint?: string) => {
  const pg = pgError(error);
  return pg?.code === "23505" && (constraint === undefined || pg.constraint_name === constraint);
};

/** A row is still referenced: 23503, or 23001 (restrict_violation) from PostgreSQL 18 on for ON DELETE RESTRICT. */
export const isForeignKeyViolation = (error: unknown) => ["23503", "23001"].includes(pgError(error)?.code ?? "");
