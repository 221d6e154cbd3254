import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./index";

// Raw SQL as a named prepared statement. Drizzle prepares only builder queries given a name
// (`.prepare("name")`); `db.execute(sql)` goes out unprepared, so PostgreSQL parses and plans
// it on every call and the driver spends a describe round trip first (docs/performance.md). For a
// hot statement the builders cannot express (a CTE that inserts, then a union), this sends the
// same SQL through the session's prepared-query path: placeholders (`sql.placeholder("x")`) are
// filled at execute, rows come back as the driver returns them (snake_case, no mapping).
const dialect = new PgDialect();

export type PreparedSql<Row> = { execute(values: Record<string, unknown>): Promise<Row[]> };

export function preparedSql<Row>(db: DbOrTx, name: string, query: SQL): PreparedSql<Row> {
  const prepared = db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
  return { execute: (values) => prepared.execute(values) as Promise<Row[]> };
}
