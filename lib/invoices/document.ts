import type { MerchantAddress } from "@/db/schema";
import type { CustomerSnapshot, InvoiceLineKind, InvoiceStatus, NfeFields } from "@/db/schema";

// Everything an invoice PDF shows, gathered once (lib/invoices/pdf-data.ts) and rendered by
// lib/invoices/pdf.tsx. Amounts in integer cents of `currency`; dates as Date.
export type InvoiceDocument = {
  locale: string; // "pt-BR" | "en" ...: money and dates are formatted with Intl for it
  merchant: {
    name: string;
    legal_name: string | null;
    tax_id: string | null; // CNPJ, digits or formatted
    address: MerchantAddress | null;
    support_email: string | null;
    brand_color: string; // #rrggbb
    logo: { data: Buffer; format: "png" | "jpg" } | null;
  };
  invoice: {
    number: string | null; // null while draft ("DRAFT" shown)
    status: InvoiceStatus;
    currency: string;
    created_at: Date;
    finalized_at: Date | null;
    due_at: Date | null;
    paid_at: Date | null;
    period_start: Date | null;
    period_end: Date | null;
    subtotal_cents: number;
    discount_cents: number;
    credit_applied_cents: number;
    total_cents: number;
    amount_due_cents: number;
    amount_paid_cents: number;
    amount_refunded_cents: number;
    memo: string | null;
    payment_url: string | null;
  };
  customer: CustomerSnapshot;
  lines: Array<{
    kind: InvoiceLineKind;
    description: string;
    quantity: number | null;
    unit_amount_subcents: number | null;
    amount_cents: number;
    period_start: Date | null;
    period_end: Date | null;
  }>;
  nfe: NfeFields | null;
  // The open payment instrument, when the invoice is to be paid by boleto or PIX.
  boleto: { digitable_line: string; barcode: string; due_date: string } | null;
  pix: { payload: string; expires_at: string } | null;
};
