import { and, eq, ilike, like, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { billingAccounts } from "@/db/schema";
import { isUuid } from "@/lib/uuid";
import { normalizeDocument } from "./documents";

// "Find the customer" for lists of their records (invoices, payments, subscriptions): a search
// text matches a billing account of the SAME organization by id, name, legal name, email
// (contains, case-insensitive) or document (a CPF/CNPJ starting with it, punctuation optional). Used as
// `record.billing_account_id IN (…)`, so the tenant condition lives inside the subquery too.
export const MAX_SEARCH_LENGTH = 200;

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);


/** The ids of the organization's billing accounts the text matches, as a subquery condition on `column`. */
export function accountMatches(column: PgColumn, organizationId: string, search: string): SQL {
  const text = search.trim();
  const pattern = `%${escapeLike(text)}%`;
  const document = normalizeDocument(text);
  const matches = [
    ilike(billingAccounts.name, pattern),
    ilike(billingAccounts.legalName, pattern),
    ilike(billingAccounts.email, pattern),
    document && document.length >= 4 ? like(billingAccounts.document, `${escapeLike(document)}%`) : undefined,
    isUuid(text) ? eq(billingAccounts.id, text) : undefined,
  ];
  return sql`${column} in (select ${billingAccounts.id} from ${billingAccounts} where ${and(eq(billingAccounts.organizationId, organizationId), or(...matches))})`;
}
