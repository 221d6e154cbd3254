// /admin/<org>/customers/<id>/details — edit the billing account (updateBillingAccountInput, as PATCH /api/v1/billing_accounts/:id)
import type { Metadata } from "next";
import { CustomerForm, type CustomerValues } from "@/components/admin/customers/customer-form";
import { DeleteCustomer } from "@/components/admin/customers/delete-customer";
import type { BillingAccount } from "@/db/schema";
import { ADDRESS_FIELDS } from "@/lib/admin/customer-forms";
import { formatDocument } from "@/lib/billing-accounts/documents";
import { can } from "@/lib/staff/permissions";
import { deleteCustomerAction, updateCustomerAction } from "../../actions";
import { requireCustomer } from "../customer";

export const metadata: Metadata = { title: "Customer details" };

/** The account as the form's values (the API's field paths). */
function valuesOf(a: BillingAccount): CustomerValues {
  const values: CustomerValues = {
    name: a.name, legal_name: a.legalName ?? "", email: a.email, phone: a.phone ?? "", document: a.document && a.documentType ? formatDocument(a.documentType, a.document) : "", external_id: a.externalId ?? "",
  };
  for (const f of ADDRESS_FIELDS) values[`tax_address.${f}`] = a.taxAddress?.[f] ?? (f === "country" ? "BR" : "");
  return values;
}

export default async function CustomerDetailsPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const { staff, account, base } = await requireCustomer(org, id);
  const mayWrite = can(staff.role, "business:write");
  const archived = account.status === "archived";
  return (
    <div className="max-w-3xl space-y-6">
      {archived ? <p role="status" className="text-sm text-slate-700">This customer is archived: it stays readable, but its details can no longer change.</p> : null}
      {!mayWrite ? <p className="text-sm text-slate-700">Your role can view this customer but not change it.</p> : null}
      <CustomerForm action={updateCustomerAction.bind(null, staff.organization.slug)} saved={valuesOf(account)} id={account.id} base={base} readOnly={!mayWrite || archived} />
      {mayWrite && !archived ? <DeleteCustomer action={deleteCustomerAction.bind(null, staff.organization.slug)} id={account.id} name={account.name} /> : null}
    </div>
  );
}
