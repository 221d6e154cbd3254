import { sql } from "drizzle-orm";
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { billingAccounts } from "./billing-accounts";
import { createdAt, id, ts, updatedAt } from "./columns";
import { organizations } from "./organizations";

// The customer portal: per-organization settings, the merchant's customers who sign in
// (portal users, several per billing account), their sessions, one-time tokens and access log.
const org = () => uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" });

export const PORTAL_SECTIONS = [
  "subscriptions", "invoices", "payments", "payment_methods", "credits", "products", "usage", "proposals", "account", "profile", "settings",
] as const;
export type PortalSection = (typeof PORTAL_SECTIONS)[number];

export type PortalBranding = {
  name: string | null; // defaults to the organization's name
  logo: string | null; // data:image/(png|jpeg|svg+xml);base64,…
  favicon: string | null;
  primary_color: string; // #rrggbb
  accent_color: string;
  support_email: string | null;
  support_url: string | null;
  support_phone: string | null;
  footer_legal_text: string | null;
};

export type PortalAuthMethods = { magic_link: boolean; password: boolean; sso_jwt: boolean; oidc: boolean };
export type PasswordPolicy = { min_length: number; max_length: number; block_common: boolean };
/** SSO configuration; secrets are sealed with lib/crypto/secret-box (never stored in the clear). */
export type PortalSso = {
  jwt: { algorithm: "HS256" | "RS256"; secret_sealed: string | null; jwks_url: string | null; issuer: string | null } | null;
  oidc: { issuer: string; client_id: string; client_secret_sealed: string } | null;
};

export const portalSettings = pgTable(
  "portal_settings",
  {
    organizationId: uuid("organization_id").primaryKey().references(() => organizations.id, { onDelete: "cascade" }),
    branding: jsonb("branding").$type<PortalBranding>().notNull(),
    // Which of the 11 configurable sections are on (Overview is always on).
    features: jsonb("features").$type<Record<PortalSection, boolean>>().notNull(),
    authMethods: jsonb("auth_methods").$type<PortalAuthMethods>().notNull(),
    passwordPolicy: jsonb("password_policy").$type<PasswordPolicy>().notNull(),
    lockoutThreshold: integer("lockout_threshold").notNull().default(5),
    lockoutMinutes: integer("lockout_minutes").notNull().default(15),
    totpRequiredRoles: text("totp_required_roles").array().notNull().default(sql`'{}'::text[]`),
    allowedReturnOrigins: text("allowed_return_origins").array().notNull().default(sql`'{}'::text[]`),
    defaultLocale: text("default_locale", { enum: ["pt-BR", "en"] }).notNull().default("pt-BR"),
    sso: jsonb("sso").$type<PortalSso>().notNull().default(sql`'{"jwt":null,"oidc":null}'::jsonb`),
    sessionIdleMinutes: integer("session_idle_minutes").notNull().default(30),
    sessionAbsoluteHours: integer("session_absolute_hours").notNull().default(12),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("portal_settings_lockout", sql`${t.lockoutThreshold} between 1 and 100 and ${t.lockoutMinutes} between 1 and 10080`),
    check("portal_settings_sessions", sql`${t.sessionIdleMinutes} between 5 and 1440 and ${t.sessionAbsoluteHours} between 1 and 720`),
  ],
);

export const portalRoles = ["owner", "admin", "finance", "viewer"] as const;
export type PortalRole = (typeof portalRoles)[number];

export type NotificationPrefs = { invoice_issued: boolean; payment_failed: boolean; upcoming_renewal: boolean; usage_threshold: boolean };

export const portalUsers = pgTable(
  "portal_users",
  {
    id: id(),
    organizationId: org(),
    billingAccountId: uuid("billing_account_id").notNull().references(() => billingAccounts.id, { onDelete: "restrict" }),
    email: text("email").notNull(),
    name: text("name"),
    role: text("role", { enum: portalRoles }).notNull().default("owner"),
    status: text("status", { enum: ["invited", "active", "removed"] }).notNull().default("active"),
    emailVerifiedAt: ts("email_verified_at"),
    passwordHash: text("password_hash"),
    passwordChangedAt: ts("password_changed_at"),
    mustResetPassword: boolean("must_reset_password").notNull().default(false),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedUntil: ts("locked_until"),
    totpSecretSealed: text("totp_secret_sealed"),
    totpEnabledAt: ts("totp_enabled_at"),
    // The last TOTP time step accepted: a code is accepted once (replay refused).
    totpLastStep: integer("totp_last_step"),
    recoveryCodeHashes: jsonb("recovery_code_hashes").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    externalId: text("external_id"),
    oidcSubject: text("oidc_subject"),
    locale: text("locale", { enum: ["pt-BR", "en"] }),
    notificationPrefs: jsonb("notification_prefs").$type<NotificationPrefs>().notNull()
      .default(sql`'{"invoice_issued":true,"payment_failed":true,"upcoming_renewal":true,"usage_threshold":false}'::jsonb`),
    lastSignInAt: ts("last_sign_in_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("portal_users_org_email_key").on(t.organizationId, sql`lower(${t.email})`).where(sql`status <> 'removed'`),
    uniqueIndex("portal_users_org_external_id_key").on(t.organizationId, t.externalId),
    uniqueIndex("portal_users_org_oidc_subject_key").on(t.organizationId, t.oidcSubject),
    index("portal_users_account_idx").on(t.organizationId, t.billingAccountId),
    index("portal_users_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    check("portal_users_failed_attempts", sql`${t.failedAttempts} >= 0`),
  ],
);

/** A signed-in browser: only the SHA-256 of the cookie's token is stored. */
export const portalSessions = pgTable(
  "portal_sessions",
  {
    id: id(),
    organizationId: org(),
    portalUserId: uuid("portal_user_id").notNull().references(() => portalUsers.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    method: text("method", { enum: ["magic_link", "password", "sso_jwt", "oidc", "deep_link"] }).notNull(),
    // False until the second factor is verified when the user has (or must have) TOTP.
    secondFactorVerified: boolean("second_factor_verified").notNull().default(false),
    returnUrl: text("return_url"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    idleExpiresAt: ts("idle_expires_at").notNull(),
    absoluteExpiresAt: ts("absolute_expires_at").notNull(),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("portal_sessions_token_hash_key").on(t.tokenHash),
    index("portal_sessions_user_idx").on(t.portalUserId),
  ],
);

// `sso_jti`: the jti of an accepted signed SSO token, written already used, kept until the token
// expires so the same token cannot be used twice (lib/portal-auth/sso-state.ts). The column is
// plain text in the database (the list is checked in TypeScript only), so a new value needs no migration.
export const portalTokenPurposes = ["magic_link", "password_reset", "invite", "email_change", "deep_link", "oidc_state", "sso_jti"] as const;
export type PortalTokenPurpose = (typeof portalTokenPurposes)[number];

/** One-time tokens (>= 128 random bits, stored hashed), bound to the host they were issued for. */
export const portalTokens = pgTable(
  "portal_tokens",
  {
    id: id(),
    organizationId: org(),
    portalUserId: uuid("portal_user_id").references(() => portalUsers.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: portalTokenPurposes }).notNull(),
    tokenHash: text("token_hash").notNull(),
    host: text("host").notNull(),
    // SHA-256 of a random value also set as a cookie in the requesting browser (when there is one).
    browserBindingHash: text("browser_binding_hash"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("portal_tokens_token_hash_key").on(t.tokenHash),
    index("portal_tokens_user_idx").on(t.portalUserId, t.purpose),
    index("portal_tokens_expiry_idx").on(t.expiresAt),
  ],
);

/**
 * Keyed token buckets: the attempt limits of the portal's signed-out forms
 * (lib/portal-auth/attempt-limit.ts), per organization and bucket key (a client IP, an email
 * address). `key_hash` is an HMAC-SHA-256 of the key, never the key itself. Disposable state: a
 * row past `expires_at` is a full bucket, the same as no row, and portal-tokens.prune deletes it.
 * (The API's per-key buckets are rate_limit_buckets, keyed by API key.)
 */
export const attemptBuckets = pgTable(
  "attempt_buckets",
  {
    organizationId: org(),
    keyHash: text("key_hash").notNull(),
    tokens: doublePrecision("tokens").notNull(),
    capacity: integer("capacity").notNull(),
    refillRate: doublePrecision("refill_rate").notNull(),
    // Refusals in a row since the last allowed take: the first one (1) is logged, not the rest.
    refusals: integer("refusals").notNull().default(0),
    refilledAt: ts("refilled_at").notNull(),
    // When the bucket is full again if nobody touches it.
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.keyHash] }),
    index("attempt_buckets_expiry_idx").on(t.expiresAt),
    check("attempt_buckets_limits", sql`${t.capacity} >= 1 and ${t.refillRate} > 0 and ${t.tokens} >= 0 and ${t.refusals} >= 0`),
  ],
);

export const accessEvents = [
  "magic_link_sent", "password_reset_sent", "invite_sent",
  "sign_in_succeeded", "sign_in_failed", "locked", "unlocked",
  "two_factor_enrolled", "two_factor_succeeded", "two_factor_failed", "two_factor_disabled",
  "sso_succeeded", "sso_failed", "user_provisioned",
  "password_changed", "password_reset_forced", "signed_out", "signed_out_everywhere", "deep_link_used",
  "email_change_requested", "email_changed", "rate_limited",
] as const;
export type AccessEvent = (typeof accessEvents)[number];

export const portalAccessLog = pgTable(
  "portal_access_log",
  {
    id: id(),
    organizationId: org(),
    portalUserId: uuid("portal_user_id").references(() => portalUsers.id, { onDelete: "cascade" }),
    email: text("email"),
    event: text("event", { enum: accessEvents }).notNull(),
    method: text("method"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    detail: text("detail"),
    createdAt: createdAt(),
  },
  (t) => [
    index("portal_access_log_user_idx").on(t.portalUserId, t.createdAt),
    index("portal_access_log_org_created_idx").on(t.organizationId, t.createdAt, t.id),
  ],
);

export type PortalSettings = typeof portalSettings.$inferSelect;
export type PortalUser = typeof portalUsers.$inferSelect;
export type PortalSession = typeof portalSessions.$inferSelect;
export type PortalToken = typeof portalTokens.$inferSelect;
export type AttemptBucket = typeof attemptBuckets.$inferSelect;
