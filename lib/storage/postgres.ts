import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { storedObjects } from "@/db/schema";
import { assertStorable, isStorageKey, type ObjectStore, type StoredObject } from "./store";

// The object store kept in PostgreSQL (table stored_objects, bytea). Pass a transaction to
// write objects together with the rows that point at them.
export function postgresStore(db: DbOrTx): ObjectStore {
  const where = (organizationId: string, key: string) => and(eq(storedObjects.organizationId, organizationId), eq(storedObjects.key, key));
  return {
    async put(organizationId, key, object) {
      assertStorable(key, object);
      const values = {
        organizationId,
        key,
        contentType: object.contentType,
        size: object.data.length,
        sha256: createHash("sha256").update(object.data).digest("hex"),
        data: object.data,
      };
      const [row] = await db
        .insert(storedObjects)
        .values(values)
        .onConflictDoUpdate({ target: [storedObjects.organizationId, storedObjects.key], set: values })
        .returning({
          organizationId: storedObjects.organizationId, key: storedObjects.key, contentType: storedObjects.contentType,
          size: storedObjects.size, sha256: storedObjects.sha256, createdAt: storedObjects.createdAt,
        });
      return row!;
    },
    async get(organizationId, key): Promise<StoredObject | null> {
      if (!isStorageKey(key)) return null;
      const [row] = await db.select().from(storedObjects).where(where(organizationId, key));
      return row ?? null;
    },
    async delete(organizationId, key) {
      if (!isStorageKey(key)) return false;
      const deleted = await db.delete(storedObjects).where(where(organizationId, key)).returning({ key: storedObjects.key });
      return deleted.length > 0;
    },
  };
}
