CREATE TABLE "prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"name" text NOT NULL,
	"currency" text DEFAULT 'BRL' NOT NULL,
	"billing_scheme" text DEFAULT 'per_unit' NOT NULL,
	"usage_type" text DEFAULT 'licensed' NOT NULL,
	"recurring_interval" text NOT NULL,
	"interval_count" integer DEFAULT 1 NOT NULL,
	"unit_amount_subcents" bigint DEFAULT 0 NOT NULL,
	"setup_amount_subcents" bigint DEFAULT 0 NOT NULL,
	"excess_amount_subcents" bigint,
	"included_quantity" bigint DEFAULT 0 NOT NULL,
	"tiers" jsonb,
	"tiers_mode" text,
	"package_size" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prices_currency_format" CHECK ("prices"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "prices_interval_count" CHECK ("prices"."interval_count" between 1 and 36),
	CONSTRAINT "prices_amounts_non_negative" CHECK ("prices"."unit_amount_subcents" >= 0 and "prices"."setup_amount_subcents" >= 0 and coalesce("prices"."excess_amount_subcents", 0) >= 0 and "prices"."included_quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "product_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"product_type" text NOT NULL,
	"parent_product_id" uuid,
	"product_group_id" uuid,
	"service_item_id" uuid,
	"self_service_editable" boolean DEFAULT false NOT NULL,
	"custom_metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_not_own_parent" CHECK ("products"."parent_product_id" is distinct from "products"."id")
);
--> statement-breakpoint
CREATE TABLE "service_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"municipal_service_code" text,
	"iss_rate_bps" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_items_iss_rate" CHECK ("service_items"."iss_rate_bps" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "plan_change_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"from_plan_id" uuid NOT NULL,
	"to_plan_id" uuid NOT NULL,
	"change_type" text NOT NULL,
	"proration_method" text NOT NULL,
	"timing" text NOT NULL,
	"bonus_discount_percent_bps" integer,
	"bonus_discount_months" integer,
	"bonus_days" integer DEFAULT 0 NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"message" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_change_rules_distinct_plans" CHECK ("plan_change_rules"."from_plan_id" <> "plan_change_rules"."to_plan_id"),
	CONSTRAINT "plan_change_rules_bonus_discount" CHECK (("plan_change_rules"."bonus_discount_percent_bps" is null) = ("plan_change_rules"."bonus_discount_months" is null) and coalesce("plan_change_rules"."bonus_discount_percent_bps", 1) between 1 and 10000 and coalesce("plan_change_rules"."bonus_discount_months", 1) >= 1),
	CONSTRAINT "plan_change_rules_bonus_days" CHECK ("plan_change_rules"."bonus_days" between 0 and 365)
);
--> statement-breakpoint
CREATE TABLE "plan_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"price_id" uuid NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"optional" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_items_quantity" CHECK ("plan_items"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"trial_days" integer DEFAULT 0 NOT NULL,
	"billing_cycles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"plan_group_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_trial_days" CHECK ("plans"."trial_days" between 0 and 730)
);
--> statement-breakpoint
CREATE TABLE "coupons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text,
	"discount_type" text NOT NULL,
	"percent_off_bps" integer,
	"amount_off_cents" bigint,
	"currency" text,
	"usage_limit" integer,
	"usage_limit_per_user" integer,
	"min_purchase_cents" bigint,
	"max_discount_cents" bigint,
	"valid_from" timestamp (3) with time zone,
	"valid_until" timestamp (3) with time zone,
	"applies_to" jsonb DEFAULT '{"product_ids":[],"plan_ids":[]}'::jsonb NOT NULL,
	"excludes" jsonb DEFAULT '{"product_ids":[],"plan_ids":[]}'::jsonb NOT NULL,
	"times_used" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coupons_discount_shape" CHECK (("coupons"."discount_type" = 'percentage' and "coupons"."percent_off_bps" between 1 and 10000 and "coupons"."amount_off_cents" is null)
       or ("coupons"."discount_type" = 'fixed_amount' and "coupons"."amount_off_cents" > 0 and "coupons"."percent_off_bps" is null and "coupons"."currency" is not null)),
	CONSTRAINT "coupons_validity" CHECK ("coupons"."valid_from" is null or "coupons"."valid_until" is null or "coupons"."valid_from" < "coupons"."valid_until"),
	CONSTRAINT "coupons_times_used" CHECK ("coupons"."times_used" >= 0 and ("coupons"."usage_limit" is null or "coupons"."times_used" <= "coupons"."usage_limit"))
);
--> statement-breakpoint
CREATE TABLE "discount_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"code" text NOT NULL,
	"percent_off_bps" integer,
	"amount_off_cents" bigint,
	"currency" text,
	"duration" text NOT NULL,
	"duration_in_months" integer,
	"max_redemptions" integer,
	"times_redeemed" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discount_codes_discount_shape" CHECK (("discount_codes"."percent_off_bps" between 1 and 10000 and "discount_codes"."amount_off_cents" is null)
       or ("discount_codes"."amount_off_cents" > 0 and "discount_codes"."percent_off_bps" is null and "discount_codes"."currency" is not null)),
	CONSTRAINT "discount_codes_duration" CHECK (("discount_codes"."duration" = 'repeating') = ("discount_codes"."duration_in_months" is not null)),
	CONSTRAINT "discount_codes_redemptions" CHECK ("discount_codes"."times_redeemed" >= 0 and ("discount_codes"."max_redemptions" is null or "discount_codes"."times_redeemed" <= "discount_codes"."max_redemptions"))
);
--> statement-breakpoint
CREATE TABLE "credits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"billing_account_id" uuid NOT NULL,
	"credit_type" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"amount_remaining_cents" bigint NOT NULL,
	"currency" text DEFAULT 'BRL' NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"description" text,
	"status" text DEFAULT 'active' NOT NULL,
	"voided_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credits_amounts" CHECK ("credits"."amount_cents" > 0 and "credits"."amount_remaining_cents" between 0 and "credits"."amount_cents"),
	CONSTRAINT "credits_currency_format" CHECK ("credits"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_groups" ADD CONSTRAINT "product_groups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_parent_product_id_products_id_fk" FOREIGN KEY ("parent_product_id") REFERENCES "public"."products"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_product_group_id_product_groups_id_fk" FOREIGN KEY ("product_group_id") REFERENCES "public"."product_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_service_item_id_service_items_id_fk" FOREIGN KEY ("service_item_id") REFERENCES "public"."service_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change_rules" ADD CONSTRAINT "plan_change_rules_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change_rules" ADD CONSTRAINT "plan_change_rules_from_plan_id_plans_id_fk" FOREIGN KEY ("from_plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change_rules" ADD CONSTRAINT "plan_change_rules_to_plan_id_plans_id_fk" FOREIGN KEY ("to_plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_groups" ADD CONSTRAINT "plan_groups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_price_id_prices_id_fk" FOREIGN KEY ("price_id") REFERENCES "public"."prices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_plan_group_id_plan_groups_id_fk" FOREIGN KEY ("plan_group_id") REFERENCES "public"."plan_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_codes" ADD CONSTRAINT "discount_codes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_billing_account_id_billing_accounts_id_fk" FOREIGN KEY ("billing_account_id") REFERENCES "public"."billing_accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prices_org_created_idx" ON "prices" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "prices_product_idx" ON "prices" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "product_groups_org_slug_key" ON "product_groups" USING btree ("organization_id","slug");--> statement-breakpoint
CREATE INDEX "product_groups_org_created_idx" ON "product_groups" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "products_org_slug_key" ON "products" USING btree ("organization_id","slug");--> statement-breakpoint
CREATE INDEX "products_org_created_idx" ON "products" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "products_parent_idx" ON "products" USING btree ("parent_product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_items_org_code_key" ON "service_items" USING btree ("organization_id","code");--> statement-breakpoint
CREATE INDEX "service_items_org_created_idx" ON "service_items" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "plan_change_rules_org_created_idx" ON "plan_change_rules" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "plan_change_rules_pair_idx" ON "plan_change_rules" USING btree ("organization_id","from_plan_id","to_plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_groups_org_slug_key" ON "plan_groups" USING btree ("organization_id","slug");--> statement-breakpoint
CREATE INDEX "plan_groups_org_created_idx" ON "plan_groups" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_items_plan_price_key" ON "plan_items" USING btree ("plan_id","price_id");--> statement-breakpoint
CREATE INDEX "plan_items_org_created_idx" ON "plan_items" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "plan_items_price_idx" ON "plan_items" USING btree ("price_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_org_slug_key" ON "plans" USING btree ("organization_id","slug");--> statement-breakpoint
CREATE INDEX "plans_org_created_idx" ON "plans" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_org_code_key" ON "coupons" USING btree ("organization_id",upper("code"));--> statement-breakpoint
CREATE INDEX "coupons_org_created_idx" ON "coupons" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "discount_codes_org_code_key" ON "discount_codes" USING btree ("organization_id",upper("code"));--> statement-breakpoint
CREATE INDEX "discount_codes_org_created_idx" ON "discount_codes" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "credits_org_created_idx" ON "credits" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "credits_account_idx" ON "credits" USING btree ("organization_id","billing_account_id","status");