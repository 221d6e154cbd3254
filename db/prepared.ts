import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./index";

// Raw SQL as a prepared statement. Drizzle prepares only builder queries given a name
// (`.prepare("name")`); `db.execute(sql)` goes out unprepared, so PostgreSQL parses and plans
// it on every call and the driver spends a describe round trip first (docs/performance.md). For a
// hot statement the builders cannot express (a CTE that inserts, then a union), this sends the
// same SQL through the session's prepared-query path: placeholders (`sql.placeholder("x")`) are
// filled at execute, rows come back as the driver returns them (snake_case, no mapping).
//
// The SQL text is built once, here. postgres.js prepares it once per connection, on a pooled
// connection and on a transaction's alike, naming the statement itself after the SQL text:
// drizzle's postgres-js session only reads whether a name was given (to turn `prepare` on), so
// the name passed below is never sent and cannot collide.
const dialect = new PgDialect();

export type PreparedSql<Row> = { execute(db: DbOrTx, values: Record<string, unknown>): Promise<Row[]> };

export function preparedSql<Row>(query: SQL): PreparedSql<Row> {
  const compiled = dialect.sqlToQuery(query);
  return {
    execute: (db, values) => db._.session.prepareQuery(compiled, undefined, "prepared", false).execute(values) as Promise<Row[]>,
  };
}
