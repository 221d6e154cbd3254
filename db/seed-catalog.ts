import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { products } from "@/db/schema";
import { createProductGroup, createProductGroupInput } from "@/lib/catalog/product-groups";
import { createProductInput } from "@/lib/catalog/product-input";
import { createProduct } from "@/lib/catalog/products";
import { createServiceItem, createServiceItemInput } from "@/lib/catalog/service-items";
import { createPlanChangeRuleInput } from "@/lib/plans/change-rule-input";
import { createPlanChangeRule } from "@/lib/plans/change-rules";
import { createPlanInput } from "@/lib/plans/plan-input";
import { createPlan } from "@/lib/plans/plans";
import { createCouponInput } from "@/lib/promotions/coupon-input";
import { createCoupon } from "@/lib/promotions/coupons";
import { createDiscountCodeInput } from "@/lib/promotions/discount-code-input";
import { createDiscountCode } from "@/lib/promotions/discount-codes";

// A demo catalog for a SaaS (Acme CRM), built through the same services and input rules as
// the API. Skipped when the organization already has it (the seed is idempotent).
export async function seedCatalog(db: DbOrTx, organizationId: string): Promise<void> {
  const scope = { organizationId };
  const [existing] = await db.select({ id: products.id }).from(products).where(and(eq(products.organizationId, organizationId), eq(products.slug, "pro")));
  if (existing) return;
  await db.transaction(async (tx) => {
    const service = await createServiceItem(tx, scope, createServiceItemInput.parse({
      code: "SAAS-01",
      description: "Licenciamento ou cessão de direito de uso de programas de computação",
      municipal_service_code: "01.05",
      iss_rate_bps: 200,
    }));
    const group = await createProductGroup(tx, scope, createProductGroupInput.parse({ name: "Planos", slug: "planos", position: 1 }));
    const recurring = (name: string, monthly: number, yearly: number) => [
      { name: `${name} mensal`, unit_amount_subcents: monthly, recurring_interval: "month" },
      { name: `${name} anual`, unit_amount_subcents: yearly, recurring_interval: "year" },
    ];
    const product = (input: Record<string, unknown>) =>
      createProduct(tx, scope, createProductInput.parse({ service_item_id: service.id, ...input }));
    const starter = await product({ name: "Acme CRM Starter", slug: "starter", product_type: "base", product_group_id: group.id, prices: recurring("Starter", 499_000, 4_990_000) });
    const pro = await product({ name: "Acme CRM Pro", slug: "pro", product_type: "base", product_group_id: group.id, prices: recurring("Pro", 799_000, 7_990_000) });
    const seats = await product({ name: "Usuário extra", slug: "usuario-extra", product_type: "addon_quantity", parent_product_id: pro.product.id, self_service_editable: true, prices: recurring("Usuário extra", 199_000, 1_990_000) });
    const whatsapp = await product({
      name: "Mensagens de WhatsApp",
      slug: "whatsapp",
      product_type: "metered",
      parent_product_id: pro.product.id,
      prices: [{ name: "WhatsApp: 1.000 inclusas", usage_type: "metered", recurring_interval: "month", unit_amount_subcents: 290_000, included_quantity: 1000, excess_amount_subcents: 500 }],
    });
    const cycles = [{ interval: "month", interval_count: 1 }, { interval: "year", interval_count: 1 }];
    const starterPlan = await createPlan(tx, scope, createPlanInput.parse({
      name: "Starter", slug: "starter", trial_days: 14, billing_cycles: cycles,
      items: starter.prices.map((p) => ({ price_id: p.id })),
    }));
    const proPlan = await createPlan(tx, scope, createPlanInput.parse({
      name: "Pro", slug: "pro", trial_days: 14, billing_cycles: cycles,
      items: [
        ...pro.prices.map((p) => ({ price_id: p.id })),
        ...seats.prices.map((p) => ({ price_id: p.id, quantity: 0, optional: true })),
        { price_id: whatsapp.prices[0]!.id, optional: true },
      ],
    }));
    await createPlanChangeRule(tx, scope, createPlanChangeRuleInput.parse({
      from_plan_id: starterPlan.id, to_plan_id: proPlan.id, change_type: "upgrade", proration_method: "prorate_immediately", timing: "immediate",
      message: "Você paga hoje só a diferença proporcional ao que resta do ciclo.",
    }));
    await createPlanChangeRule(tx, scope, createPlanChangeRuleInput.parse({
      from_plan_id: proPlan.id, to_plan_id: starterPlan.id, change_type: "downgrade", proration_method: "none", timing: "end_of_cycle",
      message: "O plano Starter começa na sua próxima renovação; até lá você continua no Pro.",
    }));
    await createCoupon(tx, scope, createCouponInput.parse({ code: "BEMVINDO10", name: "Boas-vindas", discount_type: "percentage", percent_off_bps: 1000, max_discount_cents: 5000 }));
    await createDiscountCode(tx, scope, createDiscountCodeInput.parse({ code: "BLACKFRIDAY", percent_off_bps: 2000, duration: "repeating", duration_in_months: 3 }));
  });
}
