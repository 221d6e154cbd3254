CREATE TABLE "attempt_buckets" (
	"organization_id" uuid NOT NULL,
	"key_hash" text NOT NULL,
	"tokens" double precision NOT NULL,
	"capacity" integer NOT NULL,
	"refill_rate" double precision NOT NULL,
	"refusals" integer DEFAULT 0 NOT NULL,
	"refilled_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "attempt_buckets_organization_id_key_hash_pk" PRIMARY KEY("organization_id","key_hash"),
	CONSTRAINT "attempt_buckets_limits" CHECK ("attempt_buckets"."capacity" >= 1 and "attempt_buckets"."refill_rate" > 0 and "attempt_buckets"."tokens" >= 0 and "attempt_buckets"."refusals" >= 0)
);
--> statement-breakpoint
CREATE TABLE "acme_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"directory_url" text NOT NULL,
	"account_url" text,
	"private_key_sealed" text NOT NULL,
	"contact_email" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "acme_challenges" (
	"token" text PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"domain_id" uuid NOT NULL,
	"hostname" text NOT NULL,
	"key_authorization" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"domain_id" uuid NOT NULL,
	"hostname" text NOT NULL,
	"certificate_pem" text NOT NULL,
	"private_key_sealed" text NOT NULL,
	"issuer" text NOT NULL,
	"serial_number" text NOT NULL,
	"not_before" timestamp (3) with time zone NOT NULL,
	"not_after" timestamp (3) with time zone NOT NULL,
	"renew_at" timestamp (3) with time zone NOT NULL,
	"ari_cert_id" text,
	"ari_next_check_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_validity" CHECK ("certificates"."not_after" > "certificates"."not_before")
);
--> statement-breakpoint
CREATE TABLE "custom_domains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"hostname" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"verification_token" text NOT NULL,
	"verified_at" timestamp (3) with time zone,
	"last_checked_at" timestamp (3) with time zone,
	"check_count" integer DEFAULT 0 NOT NULL,
	"verification_error" text,
	"next_check_at" timestamp (3) with time zone,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"failure_reason" text,
	"next_attempt_at" timestamp (3) with time zone,
	"lease_expires_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_domains_hostname_format" CHECK ("custom_domains"."hostname" ~ '^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$'),
	CONSTRAINT "custom_domains_attempt_count" CHECK ("custom_domains"."attempt_count" >= 0 and "custom_domains"."check_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stored_objects" (
	"organization_id" uuid NOT NULL,
	"key" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_objects_organization_id_key_pk" PRIMARY KEY("organization_id","key"),
	CONSTRAINT "stored_objects_size" CHECK ("stored_objects"."size" = octet_length("stored_objects"."data"))
);
--> statement-breakpoint
CREATE TABLE "staff_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by_user_id" text,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"accepted_at" timestamp (3) with time zone,
	"accepted_by_user_id" text,
	"revoked_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attempt_buckets" ADD CONSTRAINT "attempt_buckets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acme_challenges" ADD CONSTRAINT "acme_challenges_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acme_challenges" ADD CONSTRAINT "acme_challenges_domain_id_custom_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."custom_domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_domain_id_custom_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."custom_domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_domains" ADD CONSTRAINT "custom_domains_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_objects" ADD CONSTRAINT "stored_objects_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_invites" ADD CONSTRAINT "staff_invites_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_invites" ADD CONSTRAINT "staff_invites_invited_by_user_id_users_id_fk" FOREIGN KEY ("invited_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_invites" ADD CONSTRAINT "staff_invites_accepted_by_user_id_users_id_fk" FOREIGN KEY ("accepted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attempt_buckets_expiry_idx" ON "attempt_buckets" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "acme_accounts_directory_url_key" ON "acme_accounts" USING btree ("directory_url");--> statement-breakpoint
CREATE INDEX "acme_challenges_domain_idx" ON "acme_challenges" USING btree ("domain_id");--> statement-breakpoint
CREATE INDEX "acme_challenges_org_created_idx" ON "acme_challenges" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_domain_key" ON "certificates" USING btree ("domain_id");--> statement-breakpoint
CREATE INDEX "certificates_hostname_idx" ON "certificates" USING btree ("hostname");--> statement-breakpoint
CREATE INDEX "certificates_renew_at_idx" ON "certificates" USING btree ("renew_at");--> statement-breakpoint
CREATE INDEX "certificates_org_created_idx" ON "certificates" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "custom_domains_org_hostname_key" ON "custom_domains" USING btree ("organization_id","hostname");--> statement-breakpoint
CREATE UNIQUE INDEX "custom_domains_owned_hostname_key" ON "custom_domains" USING btree ("hostname") WHERE status <> 'pending';--> statement-breakpoint
CREATE INDEX "custom_domains_org_created_idx" ON "custom_domains" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "custom_domains_next_check_idx" ON "custom_domains" USING btree ("next_check_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "stored_objects_org_created_idx" ON "stored_objects" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_invites_token_hash_key" ON "staff_invites" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_invites_pending_email_key" ON "staff_invites" USING btree ("organization_id",lower("email")) WHERE accepted_at is null and revoked_at is null;--> statement-breakpoint
CREATE INDEX "staff_invites_org_created_idx" ON "staff_invites" USING btree ("organization_id","created_at");