import bcrypt from "bcryptjs";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { users } from "@/db/schema";

// Merchant staff password check. bcrypt compares in constant time; an unknown email still
// pays for one comparison so timing does not reveal which emails exist.
const DUMMY_HASH = "$2b$12$lCLys4xEMed1qGgZMqzoq.HtgAO5mw0lz9412mcPzHqPu7Ku/0FhW";

export async function verifyStaffPassword(db: DbOrTx, email: string, password: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  const ok = await bcrypt.compare(password.slice(0, 72), user?.passwordHash ?? DUMMY_HASH);
  return ok && user?.passwordHash ? { id: user.id, email: user.email, name: user.name } : null;
}
