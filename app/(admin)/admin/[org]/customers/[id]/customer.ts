import { cache } from "react";
import { getDb } from "@/db";
import { getBillingAccountOrThrow } from "@/lib/billing-accounts/service";
import { requireStaff } from "../../../staff";
import { foundOr404 } from "@/lib/admin/list-page";

/**
 * The staff member (with `business:read`) and the customer the URL names, read once per request
 * by the layout and the page. Another organization's id (or no such id) is a 404.
 */
export const requireCustomer = cache(async (org: string, id: string) => {
  const staff = await requireStaff(org, "business:read");
  const account = await foundOr404(id, () => getBillingAccountOrThrow(getDb(), { organizationId: staff.organization.id, id }));
  return { staff, account, base: `/admin/${staff.organization.slug}/customers` };
});
