import type { DbOrTx } from "./index";
import { isForeignKeyViolation } from "./errors";

/**
 * Runs `remove` in a savepoint. True when the rows are gone; false, with nothing removed, when
 * other rows still reference them (foreign keys with ON DELETE RESTRICT mark history), so the
 * caller archives instead. Any other failure propagates.
 */
export async function deleteUnlessReferenced(tx: DbOrTx, remove: (sp: DbOrTx) => Promise<unknown>): Promise<boolean> {
  try {
    await tx.transaction(async (sp) => {
      await remove(sp);
    });
    return true;
  } catch (error) {
    if (isForeignKeyViolation(error)) return false;
    throw error;
  }
}
