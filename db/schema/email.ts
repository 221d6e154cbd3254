import { index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ts } from "./columns";
import { organizations } from "./organizations";

// Every email Ciclo sends: written here in the transaction that causes it (outbox), then
// delivered over SMTP by a job; with no SMTP configured it stays here (and goes to the console).
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: id(),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    template: text("template").notNull(),
    toAddress: text("to_address").notNull(),
    fromAddress: text("from_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    status: text("status", { enum: ["queued", "sent", "failed", "logged"] }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    messageId: text("message_id"),
    sentAt: ts("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("email_outbox_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("email_outbox_status_idx").on(t.status, t.createdAt),
  ],
);

export type EmailOutboxRow = typeof emailOutbox.$inferSelect;
