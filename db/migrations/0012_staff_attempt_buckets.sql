CREATE TABLE "staff_attempt_buckets" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"capacity" integer NOT NULL,
	"refill_rate" double precision NOT NULL,
	"refusals" integer DEFAULT 0 NOT NULL,
	"refilled_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "staff_attempt_buckets_limits" CHECK ("staff_attempt_buckets"."capacity" >= 1 and "staff_attempt_buckets"."refill_rate" > 0 and "staff_attempt_buckets"."tokens" >= 0 and "staff_attempt_buckets"."refusals" >= 0)
);
--> statement-breakpoint
CREATE INDEX "staff_attempt_buckets_expiry_idx" ON "staff_attempt_buckets" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_created_idx" ON "webhook_deliveries" USING btree ("endpoint_id","created_at","id");