ALTER TABLE "plan_change_rules" DROP CONSTRAINT "plan_change_rules_from_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "plan_change_rules" DROP CONSTRAINT "plan_change_rules_to_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "plan_change_rules" ADD CONSTRAINT "plan_change_rules_from_plan_id_plans_id_fk" FOREIGN KEY ("from_plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change_rules" ADD CONSTRAINT "plan_change_rules_to_plan_id_plans_id_fk" FOREIGN KEY ("to_plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;