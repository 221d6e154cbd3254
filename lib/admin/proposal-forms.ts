import type { DbOrTx } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { createProposalInput, updateProposalInput } from "@/lib/proposals/input";
import { sendProposal } from "@/lib/proposals/send";
import { cancelProposal, createProposal, updateProposal } from "@/lib/proposals/service";
import type { StaffContext } from "@/lib/staff/access";
import { failureState, refused } from "./form-errors";
import { echoValues, errorState, idOf, INVALID_MESSAGE, issuesToFields, optionalText, successState, type AdminFormState, type OrgScope } from "./form-state";
import { organizationTimeZone } from "./proposal-options";
import { inputName, paramPath, proposalBody, zonedLocalToIso, type ArrayOrigins } from "./proposal-input";

// The Proposals screens' forms: the form read into the body the API takes, validated by the
// API's own schemas (createProposalInput, updateProposalInput) and handed to the same services
// (createProposal, updateProposal, cancelProposal) plus sendProposal, which queues the proposal
// email through the outbox (delivered once the action succeeded: runStaffForm's withAfterCommit).
type Org = OrgScope;

const actorOf = (staff: StaffContext) => `staff:${staff.userId}`;

type Issue = { path: ReadonlyArray<PropertyKey>; message: string };
const WORDS: Record<string, string> = { "send plan_id or items": "choose a plan, or offer individual prices instead" };
/** Inputs the form always has (the rest depend on the offer: items by row, quantities and add-ons by price). */
const INPUTS = new Set(["billing_account_id", "plan_id", "billing_cycle.interval", "billing_cycle.interval_count", "trial_days", "coupon", "discount_code", "valid_until", "message"]);

/**
 * Zod issues and ApiError params as the form's inputs (items by row, add-ons by price): each
 * message under its input; one about something the form has no input for is listed with the answer.
 */
function offerInvalid(prev: AdminFormState, issues: Issue[], form: FormData, origins: ArrayOrigins, values: Record<string, string>): AdminFormState {
  const all = issuesToFields(issues.map((i) => ({ message: WORDS[i.message] ?? i.message, path: inputName(i.path, origins).split(".") })));
  const fields: Record<string, string> = {};
  const details: string[] = [];
  for (const [name, message] of Object.entries(all)) {
    if (form.has(name) || INPUTS.has(name)) fields[name] = message;
    else details.push(`${name.replaceAll("_", " ")}: ${message}`);
  }
  return { ...errorState(prev, INVALID_MESSAGE, fields, values), ...(details.length ? { details } : {}) };
}

function offerRefused(prev: AdminFormState, error: unknown, form: FormData, origins: ArrayOrigins, values: Record<string, string>): AdminFormState {
  if (error instanceof ApiError && error.param && error.status !== 409) {
    return offerInvalid(prev, [{ path: paramPath(error.param), message: error.message.replace(/^Invalid [^:]+: /, "") }], form, origins, values);
  }
  if (error instanceof ApiError && error.status === 409) return errorState(prev, `Nothing was saved: ${error.message}.`, {}, values);
  return failureState(prev, error, values);
}

/** A proposal that is no longer open (409, "already accepted", "expired at …") is said in a sentence; another organization's id is "not found". */
function actionRefused(prev: AdminFormState, error: unknown, values: Record<string, string> | null = null): AdminFormState {
  if (error instanceof ApiError && error.code === "resource_conflict") return errorState(prev, `Nothing was changed: ${error.message}.`, {}, values);
  return refused(prev, error, "proposal", values);
}

const sentTo = (recipients: string[]) => `sent to ${recipients.join(", ")}`;

/**
 * "Create and send" (intent=send) or "Create without sending". Creating and sending are one
 * transaction: if the email cannot be queued (no address), nothing is saved. On success the
 * state's values hold the new id (the action opens its page).
 */
export async function createProposalForm(db: DbOrTx, org: Org, form: FormData, prev: AdminFormState, staff: StaffContext): Promise<AdminFormState> {
  const values = echoValues(form);
  const { body, origins } = proposalBody(form, await organizationTimeZone(db, org.organizationId));
  const parsed = createProposalInput.safeParse(body);
  if (!parsed.success) {
    const state = offerInvalid(prev, parsed.error.issues, form, origins, values);
    // Blank rather than malformed: say so (the schema's messages describe a malformed value).
    if (state.fields.billing_account_id && !body.billing_account_id) state.fields.billing_account_id = "choose a customer";
    if (state.fields.valid_until && body.valid_until === undefined) state.fields.valid_until = "is required";
    if ("plan_id" in body && !body.plan_id) state.fields.plan_id ??= WORDS["send plan_id or items"]!; // zod skips the refinement while other fields fail
    return state;
  }
  const send = form.get("intent") === "send";
  try {
    const result = await db.transaction(async (tx) => {
      const proposal = await createProposal(tx, { ...org, actor: actorOf(staff) }, parsed.data);
      return send ? sendProposal(tx, { organizationId: org.organizationId, id: proposal.id }) : { proposal, recipients: [] };
    });
    return successState(prev, send ? `Proposal created and ${sentTo(result.recipients)}.` : "Proposal created. It was not emailed: send it when it is ready.", {
      id: result.proposal.id,
      sent: send ? "1" : "",
    });
  } catch (error) {
    return offerRefused(prev, error, form, origins, values);
  }
}

/** Send (or send again): only an open, unexpired proposal. */
export async function sendProposalForm(db: DbOrTx, org: Org, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  try {
    const { recipients } = await sendProposal(db, { organizationId: org.organizationId, id: idOf(form) });
    return successState(prev, `Proposal ${sentTo(recipients)}.`);
  } catch (error) {
    return actionRefused(prev, error);
  }
}

/** Withdraw: the API's cancel (event proposal.canceled); the customer can no longer accept it. */
export async function cancelProposalForm(db: DbOrTx, org: Org, form: FormData, prev: AdminFormState, staff: StaffContext): Promise<AdminFormState> {
  if (form.get("confirm") !== "withdraw") return errorState(prev, "Confirm to withdraw the proposal.");
  try {
    await cancelProposal(db, { ...org, actor: actorOf(staff), id: idOf(form) });
    return successState(prev, "Proposal withdrawn: the customer can no longer accept it.");
  } catch (error) {
    return actionRefused(prev, error);
  }
}

/** The API's PATCH: the message (blank removes it) and valid_until; the offer itself never changes. */
export async function updateProposalForm(db: DbOrTx, org: Org, form: FormData, prev: AdminFormState, staff: StaffContext): Promise<AdminFormState> {
  const values = echoValues(form);
  const validUntil = optionalText(form, "valid_until");
  const input = {
    message: optionalText(form, "message"),
    ...(validUntil !== null ? { valid_until: zonedLocalToIso(validUntil, await organizationTimeZone(db, org.organizationId)) } : {}),
  };
  const parsed = updateProposalInput.safeParse(input);
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
  try {
    await updateProposal(db, { ...org, actor: actorOf(staff), id: idOf(form) }, parsed.data);
    return successState(prev, "Proposal updated.");
  } catch (error) {
    return actionRefused(prev, error, values);
  }
}
