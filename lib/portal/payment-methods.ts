import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { paymentMethods, type PaymentMethod } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { PaymentGateway } from "@/lib/payments/gateway";
import type { PaymentMethodRole } from "@/lib/payment-methods/input";
import { attachPaymentMethod, removePaymentMethod, updatePaymentMethod } from "@/lib/payment-methods/service";
import { isUuid, type PortalActor } from "./account";
import { fail, guarded, ok, toFailure, writerOf, type PortalResult } from "./outcome";

// The Payment methods section: the account's active methods and what a customer with
// manage_billing does to them, through lib/payment-methods/service (the last-method rule and the
// role rules live there). A card arrives here as a gateway token only: the browser sent its
// number to the tokenization endpoint, never to this code.
export type PortalPaymentMethod = {
  id: string;
  type: PaymentMethod["type"];
  role: PaymentMethod["role"];
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  createdAt: Date;
};

const ofAccount = (actor: PortalActor) =>
  and(eq(paymentMethods.organizationId, actor.tenant.id), eq(paymentMethods.billingAccountId, actor.user.billingAccountId));

/** Active methods: the default first, then the backup, then the newest. */
export async function listPortalPaymentMethods(db: DbOrTx, actor: PortalActor): Promise<PortalPaymentMethod[]> {
  const rows = await db
    .select()
    .from(paymentMethods)
    .where(and(ofAccount(actor), eq(paymentMethods.status, "active")))
    .orderBy(asc(sql`case ${paymentMethods.role} when 'default' then 0 when 'backup' then 1 else 2 end`), desc(paymentMethods.createdAt), desc(paymentMethods.id))
    .limit(100);
  return rows.map(view);
}

const view = (m: PaymentMethod): PortalPaymentMethod => ({
  id: m.id, type: m.type, role: m.role, brand: m.cardBrand, last4: m.cardLast4, expMonth: m.cardExpMonth, expYear: m.cardExpYear, createdAt: m.createdAt,
});

async function ownsMethod(db: DbOrTx, actor: PortalActor, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const [row] = await db.select({ id: paymentMethods.id }).from(paymentMethods).where(and(eq(paymentMethods.id, id), ofAccount(actor), eq(paymentMethods.status, "active")));
  return row !== undefined;
}

export type AttachRequest = { type: "card"; token: string; makeDefault: boolean } | { type: "boleto" | "pix"; makeDefault: boolean };

/**
 * Attaches a tokenized card, boleto or PIX to the viewer's account. Boleto and PIX carry no details,
 * so an account holds at most one of each: adding one it already has (a second click, a second tab)
 * answers the one it has, turned default when asked.
 */
export function attachPortalPaymentMethod(db: DbOrTx, actor: PortalActor, request: AttachRequest, gateway?: PaymentGateway): Promise<PortalResult<PortalPaymentMethod>> {
  return guarded(actor, "manage_billing", async () => {
    if (request.type === "card" && !/^tok_[A-Za-z0-9_]{1,96}$/.test(request.token)) return fail("card_declined", "not a card token", "token");
    const role: PaymentMethodRole | undefined = request.makeDefault ? "default" : undefined;
    const scope = { ...writerOf(actor), billingAccountId: actor.user.billingAccountId };
    if (request.type === "card") return ok(view(await attachPaymentMethod(db, scope, { type: "card", token: request.token, role }, gateway)));
    const type = request.type;
    return ok(view(await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`payment-method:${scope.billingAccountId}:${type}`}))`);
      const [held] = await tx.select().from(paymentMethods).where(and(ofAccount(actor), eq(paymentMethods.type, type), eq(paymentMethods.status, "active"))).limit(1);
      if (!held) return attachPaymentMethod(tx, scope, { type, role }, gateway);
      return role && held.role !== role ? updatePaymentMethod(tx, { ...writerOf(actor), id: held.id }, { role }) : held;
    })));
  });
}

/** Makes a method the default or the backup (the previous holder of the role drops to none). */
export function setPortalPaymentMethodRole(db: DbOrTx, actor: PortalActor, id: string, role: PaymentMethodRole): Promise<PortalResult<{ role: PaymentMethodRole }>> {
  return guarded(actor, "manage_billing", async () => {
    if (!(await ownsMethod(db, actor, id))) return fail("not_found");
    await updatePaymentMethod(db, { ...writerOf(actor), id }, { role });
    return ok({ role });
  });
}

/** Removes a method; the service refuses the last one while a subscription needs it ("last_method"). */
export function removePortalPaymentMethod(db: DbOrTx, actor: PortalActor, id: string): Promise<PortalResult<{ id: string }>> {
  return guarded(actor, "manage_billing", async () => {
    if (!(await ownsMethod(db, actor, id))) return fail("not_found");
    try {
      await removePaymentMethod(db, { ...writerOf(actor), id });
    } catch (error) {
      // The only conflict with a method that is still active is the last-method rule.
      if (error instanceof ApiError && error.code === "resource_conflict" && error.param === null) return fail("last_method", error.message);
      return toFailure(error);
    }
    return ok({ id });
  });
}
