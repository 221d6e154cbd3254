"use server";

import { archivePlanForm, createPlanForm, replacePlanItemsForm, updatePlanForm } from "@/lib/admin/catalog-plan-forms";
import {
  archiveProductForm, createPriceForm, createProductForm, deletePriceForm, setPriceActiveForm, unarchiveProductForm, updatePriceForm, updateProductForm,
} from "@/lib/admin/catalog-product-forms";
import {
  createCouponForm, createDiscountCodeForm, deleteCouponForm, deleteDiscountCodeForm, updateCouponForm, updateDiscountCodeForm,
} from "@/lib/admin/catalog-promo-forms";
import { createChangeRuleForm, deleteChangeRuleForm, updateChangeRuleForm } from "@/lib/admin/catalog-rule-forms";
import type { AdminFormState } from "@/lib/admin/form-state";
import { runStaffForm, type StaffFormHandler } from "../../staff";

// The Catalog screens' server actions: each re-checks `business:write` for the organization in
// the URL (live or sandbox) and works on that organization only; the Catalog's pages are
// rendered afresh after a success (a price's change shows on its product and on the plans).
type Form = (slug: string, prev: AdminFormState, form: FormData) => Promise<AdminFormState>;
const action = (handler: StaffFormHandler): Form => (slug, prev, form) => runStaffForm(slug, "business:write", prev, form, handler, "catalog");

export async function createProductAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(createProductForm)(slug, prev, form);
}
export async function updateProductAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(updateProductForm)(slug, prev, form);
}
export async function archiveProductAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(archiveProductForm)(slug, prev, form);
}
export async function unarchiveProductAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(unarchiveProductForm)(slug, prev, form);
}
export async function createPriceAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(createPriceForm)(slug, prev, form);
}
export async function updatePriceAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(updatePriceForm)(slug, prev, form);
}
export async function setPriceActiveAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(setPriceActiveForm)(slug, prev, form);
}
export async function deletePriceAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(deletePriceForm)(slug, prev, form);
}
export async function createPlanAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(createPlanForm)(slug, prev, form);
}
export async function updatePlanAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(updatePlanForm)(slug, prev, form);
}
export async function replacePlanItemsAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(replacePlanItemsForm)(slug, prev, form);
}
export async function archivePlanAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(archivePlanForm)(slug, prev, form);
}
export async function createCouponAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(createCouponForm)(slug, prev, form);
}
export async function updateCouponAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(updateCouponForm)(slug, prev, form);
}
export async function deleteCouponAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(deleteCouponForm)(slug, prev, form);
}
export async function createDiscountCodeAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(createDiscountCodeForm)(slug, prev, form);
}
export async function updateDiscountCodeAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(updateDiscountCodeForm)(slug, prev, form);
}
export async function deleteDiscountCodeAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(deleteDiscountCodeForm)(slug, prev, form);
}
export async function createChangeRuleAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(createChangeRuleForm)(slug, prev, form);
}
export async function updateChangeRuleAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(updateChangeRuleForm)(slug, prev, form);
}
export async function deleteChangeRuleAction(slug: string, prev: AdminFormState, form: FormData) {
  return action(deleteChangeRuleForm)(slug, prev, form);
}
