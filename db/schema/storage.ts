import { sql } from "drizzle-orm";
import { check, customType, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { organizations } from "./organizations";

// Files kept in PostgreSQL (lib/storage/postgres.ts): small assets such as the portal's logo and
// favicon, addressed by (organization, key). Every read names the organization, so one tenant's
// key never reaches another tenant's bytes.
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export const storedObjects = pgTable(
  "stored_objects",
  {
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.key] }),
    index("stored_objects_org_created_idx").on(t.organizationId, t.createdAt),
    check("stored_objects_size", sql`${t.size} = octet_length(${t.data})`),
  ],
);

export type StoredObjectRow = typeof storedObjects.$inferSelect;
