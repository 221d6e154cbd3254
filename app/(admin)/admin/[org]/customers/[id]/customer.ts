import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { getBillingAccountOrThrow } from "@/lib/billing-accounts/service";
import { isUuid } from "@/lib/uuid";
import { requireStaff } from "../../../staff";

/**
 * The staff member (with `business:read`) and the customer the URL names, read once per request
 * by the layout and the page. Another organization's id (or no such id) is a 404.
 */
export const requireCustomer = cache(async (org: string, id: string) => {
  const staff = await requireStaff(org, "business:read");
  if (!isUuid(id)) notFound();
  const account = await getBillingAccountOrThrow(getDb(), { organizationId: staff.organization.id, id }).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === "resource_missing") notFound();
    throw error;
  });
  return { staff, account, base: `/admin/${staff.organization.slug}/customers` };
});
