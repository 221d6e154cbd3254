import { serializeInvoice } from "@/lib/api/resources/invoices";
import type { InvoiceWithLines } from "./store";

/** The `data` of invoice.* events: the invoice as the API shows it. */
export const invoiceEventData = (invoice: InvoiceWithLines, mode: "live" | "test") => serializeInvoice(invoice, mode);
