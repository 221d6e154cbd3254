import type { DbOrTx } from "@/db";
import { createApiKeyInput, createValidatedApiKey, revokeOwnApiKey, rollApiKey } from "@/lib/api-keys/manage";
import { createEndpoint, createEndpointInput, deleteEndpoint, updateEndpoint } from "@/lib/webhooks/endpoints";
import { resendDelivery } from "@/lib/webhooks/history";
import { failureState, refused } from "./form-errors";
import { echoValues, errorState, idOf, INVALID_MESSAGE, issuesToFields, optionalText, successState, type AdminFormState, type OrgScope } from "./form-state";

// The Developers screens' forms: each reads its form into the input the API (or the key
// service) takes, validates it with the same zod schema and calls the same function. A
// refusal is a form state; nothing unexpected becomes a 500 (failureState).
type Org = OrgScope;

export async function createApiKeyForm(db: DbOrTx, org: Org, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const parsed = createApiKeyInput.safeParse({ name: String(form.get("name") ?? ""), scopes: form.getAll("scopes").map(String) });
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
  try {
    const key = await createValidatedApiKey(db, org, parsed.data);
    return { ...successState(prev, `API key “${parsed.data.name}” created.`), secret: { label: "Secret key", value: key.secret } };
  } catch (error) {
    return failureState(prev, error, values);
  }
}

export async function rollApiKeyForm(db: DbOrTx, org: Org, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  try {
    const key = await rollApiKey(db, { organizationId: org.organizationId, id: idOf(form) });
    return { ...successState(prev, "Key rolled: the old secret no longer works."), secret: { label: "New secret key", value: key.secret } };
  } catch (error) {
    return refused(prev, error, "API key");
  }
}

export async function revokeApiKeyForm(db: DbOrTx, org: Org, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  if (form.get("confirm") !== "revoke") return errorState(prev, "Confirm to revoke the key.");
  try {
    await revokeOwnApiKey(db, { organizationId: org.organizationId, id: idOf(form) });
    return successState(prev, "Key revoked: requests with it are refused from now on.");
  } catch (error) {
    return refused(prev, error, "API key");
  }
}

export async function createEndpointForm(db: DbOrTx, org: Org, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const input = { url: String(form.get("url") ?? "").trim(), events: form.getAll("events").map(String), description: optionalText(form, "description") };
  const parsed = createEndpointInput.safeParse(input);
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
  try {
    const { secret } = await createEndpoint(db, org, parsed.data);
    return { ...successState(prev, "Endpoint created."), secret: { label: "Signing secret", value: secret } };
  } catch (error) {
    return failureState(prev, error, values);
  }
}

export async function setEndpointStatusForm(db: DbOrTx, org: Org, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const status = form.get("status") === "disabled" ? "disabled" : "enabled";
  try {
    await updateEndpoint(db, { ...org, id: idOf(form) }, { status });
    return successState(prev, status === "enabled" ? "Endpoint enabled." : "Endpoint disabled: no new deliveries are made to it.");
  } catch (error) {
    return refused(prev, error, "webhook endpoint");
  }
}

export async function deleteEndpointForm(db: DbOrTx, org: Org, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  if (form.get("confirm") !== "delete") return errorState(prev, "Confirm to delete the endpoint.");
  try {
    await deleteEndpoint(db, { organizationId: org.organizationId, id: idOf(form) });
    return successState(prev, "Endpoint deleted.");
  } catch (error) {
    return refused(prev, error, "webhook endpoint");
  }
}

/** The API's resend (resendDelivery): the delivery is queued once committed (runStaffForm's withAfterCommit). */
export async function resendDeliveryForm(db: DbOrTx, org: Org, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  try {
    await resendDelivery(db, { organizationId: org.organizationId, id: idOf(form) });
    return successState(prev, "Delivery queued: it is sent again now.");
  } catch (error) {
    return refused(prev, error, "webhook delivery");
  }
}
