"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/auth";
import { getDb } from "@/db";
import { errorState, INVALID_MESSAGE, type AdminFormState } from "@/lib/admin/form-state";
import { acceptStaffInvite } from "@/lib/staff/invites";
import { log } from "@/lib/log";
import { currentStaffUserId } from "../../staff";

/** Signed in as the invited address: join the organization. */
export async function acceptAsCurrentUserAction(token: string, prev: AdminFormState): Promise<AdminFormState> {
  const userId = await currentStaffUserId();
  if (!userId) return errorState(prev, "Sign in first.");
  const result = await acceptStaffInvite(getDb(), token, { kind: "existing", userId });
  if (!result.ok) return errorState(prev, result.message);
  redirect(`/admin/${result.value.organizationSlug}`);
}

/** No account yet: create it with this name and password, join, and sign in. */
export async function acceptAsNewUserAction(token: string, prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const name = String(form.get("name") ?? "");
  const password = String(form.get("password") ?? "");
  const result = await acceptStaffInvite(getDb(), token, { kind: "new", name, password });
  if (!result.ok) return result.field ? errorState(prev, INVALID_MESSAGE, { [result.field]: result.message }, { name }) : errorState(prev, result.message, {}, { name });
  try {
    await signIn("credentials", { email: result.value.email, password, redirectTo: `/admin/${result.value.organizationSlug}` });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error; // Next's redirect on success
    log.warn("sign-in after accepting an invite failed", { error: String(error) });
    redirect("/admin/sign-in");
  }
  return prev;
}
