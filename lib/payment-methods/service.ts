import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { dbNow } from "@/db/schema/columns";
import { paymentMethods, subscriptions, type PaymentMethod } from "@/db/schema";
import { ApiError, notFound } from "@/lib/api/errors";
import { filterEq, listPage } from "@/lib/api/pagination";
import { serializePaymentMethod } from "@/lib/api/resources/payment-methods";
import { getBillingAccountOrThrow } from "@/lib/billing-accounts/service";
import { now } from "@/lib/clock";
import type { PaymentGateway, TokenizedCard } from "@/lib/payments/gateway";
import { getGateway } from "@/lib/payments/gateways";
import { emitEvent } from "@/lib/webhooks/emit";
import type { AttachPaymentMethodInput, PaymentMethodRole, UpdatePaymentMethodInput } from "./input";

// The payment methods of a billing account and their roles: at most one `default` (charged
// first) and one `backup` (charged when the default fails) among the active ones, and an
// account with active methods always has a default. Every write locks the billing account row
// first, so writers of one account (and subscription creation, which locks it too) take turns;
// the partial unique index payment_methods_account_role_key is the last line of defence.
type Scope = { organizationId: string };
type Writer = Scope & { mode: "live" | "test" };
type AccountScope = Writer & { billingAccountId: string };

/** Subscriptions that will be charged: their account must keep a way to pay. */
export const CHARGEABLE_SUBSCRIPTION_STATUSES = ["trialing", "active", "past_due", "unpaid"] as const;

const byId = (organizationId: string, id: string) => and(eq(paymentMethods.id, id), eq(paymentMethods.organizationId, organizationId));

export async function getPaymentMethodOrThrow(db: DbOrTx, scope: Scope & { id: string }): Promise<PaymentMethod> {
  const [row] = await db.select().from(paymentMethods).where(byId(scope.organizationId, scope.id));
  if (!row) throw notFound("payment method", scope.id);
  return row;
}

export type PaymentMethodFilters = { limit: number; cursor?: string; type?: PaymentMethod["type"]; status: "active" | "removed" | "all" };

export async function listAccountPaymentMethods(db: DbOrTx, scope: Scope & { billingAccountId: string }, filters: PaymentMethodFilters): Promise<PaymentMethod[]> {
  await getBillingAccountOrThrow(db, { organizationId: scope.organizationId, id: scope.billingAccountId });
  return listPage(
    db,
    paymentMethods,
    scope,
    [
      eq(paymentMethods.billingAccountId, scope.billingAccountId),
      filterEq(paymentMethods.type, filters.type),
      filters.status === "all" ? undefined : eq(paymentMethods.status, filters.status),
    ],
    filters,
  );
}

/** Locks the account, then its active methods (newest first), in the caller's transaction. */
async function lockAccountMethods(tx: DbOrTx, scope: Scope, billingAccountId: string) {
  const account = await getBillingAccountOrThrow(tx, { organizationId: scope.organizationId, id: billingAccountId }, { forUpdate: true });
  const active = await tx
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.organizationId, scope.organizationId), eq(paymentMethods.billingAccountId, billingAccountId), eq(paymentMethods.status, "active")))
    .orderBy(desc(paymentMethods.createdAt), desc(paymentMethods.id))
    .for("update");
  return { account, active };
}

async function setRole(tx: DbOrTx, scope: Writer, method: PaymentMethod, role: PaymentMethodRole | null): Promise<PaymentMethod> {
  const [row] = await tx.update(paymentMethods).set({ role, updatedAt: dbNow() }).where(byId(scope.organizationId, method.id)).returning();
  await emitEvent(tx, { organizationId: scope.organizationId, type: "payment_method.updated", data: serializePaymentMethod(row!, scope.mode) });
  return row!;
}

/** Frees `role` for another method: whoever holds it among `active` drops to no role. */
async function vacate(tx: DbOrTx, scope: Writer, active: PaymentMethod[], role: PaymentMethodRole, except?: string): Promise<void> {
  const holder = active.find((m) => m.role === role && m.id !== except);
  if (holder) await setRole(tx, scope, holder, null);
}

/** The gateway's record of a card token; unknown or expired is a 422 on `token`. */
async function resolveCard(gateway: PaymentGateway, token: string): Promise<TokenizedCard> {
  const card = await gateway.retrieveCardToken(token);
  if (!card) throw new ApiError("reference_not_found", "No such card token: create one with POST /api/v1/gateway/sandbox/tokens", { param: "token" });
  const at = now();
  const year = at.getUTCFullYear();
  if (card.exp_year < year || (card.exp_year === year && card.exp_month < at.getUTCMonth() + 1)) {
    throw new ApiError("validation_failed", "Invalid token: the card has expired", { param: "token" });
  }
  return card;
}

/** Attaches a method. The account's first active method becomes its default, whatever `role` says. */
export async function attachPaymentMethod(
  db: DbOrTx,
  scope: AccountScope,
  input: AttachPaymentMethodInput,
  gateway: PaymentGateway = getGateway(),
): Promise<PaymentMethod> {
  await getBillingAccountOrThrow(db, { organizationId: scope.organizationId, id: scope.billingAccountId });
  // The gateway is asked before any lock is taken: a real one is a network call away.
  const card = input.type === "card" ? await resolveCard(gateway, input.token!) : null;
  return db.transaction(async (tx) => {
    const { account, active } = await lockAccountMethods(tx, scope, scope.billingAccountId);
    if (account.status === "archived") throw new ApiError("resource_archived", "This billing account is archived: payment methods can no longer be attached to it");
    const role = active.some((m) => m.role === "default") ? (input.role ?? null) : "default";
    if (role) await vacate(tx, scope, active, role);
    const [row] = await tx
      .insert(paymentMethods)
      .values({
        organizationId: scope.organizationId,
        billingAccountId: account.id,
        type: input.type,
        gateway: gateway.name,
        role,
        cardToken: card?.token ?? null,
        cardBrand: card?.brand ?? null,
        cardLast4: card?.last4 ?? null,
        cardExpMonth: card?.exp_month ?? null,
        cardExpYear: card?.exp_year ?? null,
      })
      .returning();
    await emitEvent(tx, { organizationId: scope.organizationId, type: "payment_method.attached", data: serializePaymentMethod(row!, scope.mode) });
    return row!;
  });
}

/** Re-reads the method under the account's lock (its status or role may have just changed). */
async function lockMethod(tx: DbOrTx, scope: Scope & { id: string }) {
  const { billingAccountId } = await getPaymentMethodOrThrow(tx, scope);
  const { active } = await lockAccountMethods(tx, scope, billingAccountId);
  const method = active.find((m) => m.id === scope.id);
  if (!method) throw new ApiError("resource_conflict", "This payment method has been removed");
  return { method, active };
}

export async function updatePaymentMethod(db: DbOrTx, scope: Writer & { id: string }, input: UpdatePaymentMethodInput): Promise<PaymentMethod> {
  return db.transaction(async (tx) => {
    const { method, active } = await lockMethod(tx, scope);
    if (input.role === method.role) return method;
    if (method.role === "default") {
      throw new ApiError("resource_conflict", "This is the account's default payment method: make another method the default instead", { param: "role" });
    }
    if (input.role) await vacate(tx, scope, active, input.role, method.id);
    return setRole(tx, scope, method, input.role);
  });
}

async function hasChargeableSubscription(tx: DbOrTx, scope: Scope, billingAccountId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.organizationId, scope.organizationId),
        eq(subscriptions.billingAccountId, billingAccountId),
        inArray(subscriptions.status, [...CHARGEABLE_SUBSCRIPTION_STATUSES]),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * Removes a method (kept as `removed`: payments refer to it). When it was the default, the
 * backup, else the newest other active method, becomes the default. The last active method of
 * an account with a subscription to charge stays.
 */
export async function removePaymentMethod(db: DbOrTx, scope: Writer & { id: string }): Promise<PaymentMethod> {
  return db.transaction(async (tx) => {
    const { method, active } = await lockMethod(tx, scope);
    const others = active.filter((m) => m.id !== method.id);
    if (others.length === 0 && (await hasChargeableSubscription(tx, scope, method.billingAccountId))) {
      throw new ApiError(
        "resource_conflict",
        `This is the account's last payment method and it has a subscription to charge (${CHARGEABLE_SUBSCRIPTION_STATUSES.join(", ")}): attach another method first`,
      );
    }
    const [removed] = await tx
      .update(paymentMethods)
      .set({ status: "removed", role: null, removedAt: dbNow(), updatedAt: dbNow() })
      .where(byId(scope.organizationId, method.id))
      .returning();
    await emitEvent(tx, { organizationId: scope.organizationId, type: "payment_method.detached", data: serializePaymentMethod(removed!, scope.mode) });
    if (method.role === "default" && others.length > 0) {
      await setRole(tx, scope, others.find((m) => m.role === "backup") ?? others[0]!, "default");
    }
    return removed!;
  });
}
