import { sql } from "drizzle-orm";
import { timestamp, uuid } from "drizzle-orm/pg-core";

// Shared column builders. Timestamps keep millisecond precision so a JavaScript Date
// round-trips exactly (pagination cursors depend on that).
export const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: "date" });

export const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);

export const createdAt = () => ts("created_at").notNull().defaultNow();
export const updatedAt = () => ts("updated_at").notNull().defaultNow();

/** The database's time at the moment of the statement, for updated_at / archived_at writes. */
export const dbNow = () => sql`clock_timestamp()` as unknown as Date;
