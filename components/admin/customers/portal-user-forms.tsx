"use client";

import { useActionState, useState } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { Checkbox, Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";

// A customer's portal users: invite one, and each user's actions (role, force password reset,
// unblock, resend invite, remove). Every form names the account, so a user of another account
// (or organization) is "not found" on the server.
type Action = (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;
export const PORTAL_ROLES = [
  { value: "owner", label: "Owner — everything, including users" },
  { value: "admin", label: "Admin — everything but owners" },
  { value: "finance", label: "Finance — invoices, payments, payment methods" },
  { value: "viewer", label: "Viewer — read only" },
] as const;

export function InvitePortalUserForm({ action, accountId }: { action: Action; accountId: string }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const sent = (name: string, fallback = "") => (state.status === "error" ? (state.values?.[name] ?? fallback) : fallback);
  return (
    <form key={state.seq} action={formAction} noValidate className="space-y-4" aria-labelledby="invite-heading">
      <input type="hidden" name="billing_account_id" value={accountId} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field name="email" label="Email" error={state.fields.email}>
          {(a11y) => <input {...a11y} name="email" type="email" autoComplete="off" defaultValue={sent("email")} className={inputClass} />}
        </Field>
        <Field name="name" label="Name (optional)" error={state.fields.name}>
          {(a11y) => <input {...a11y} name="name" type="text" autoComplete="off" defaultValue={sent("name")} className={inputClass} />}
        </Field>
        <Field name="role" label="Role" error={state.fields.role}>
          {(a11y) => (
            <select {...a11y} name="role" defaultValue={sent("role", "viewer")} className={inputClass}>
              {PORTAL_ROLES.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
            </select>
          )}
        </Field>
        <Field name="locale" label="Language of the emails" error={state.fields.locale}>
          {(a11y) => (
            <select {...a11y} name="locale" defaultValue={sent("locale")} className={inputClass}>
              <option value="">The portal&apos;s default</option>
              <option value="pt-BR">Português (Brasil)</option>
              <option value="en">English</option>
            </select>
          )}
        </Field>
      </div>
      <Checkbox name="send_invite" label="Email an invite link" hint="Valid for 7 days; the user shows as invited until they use it. Unchecked, they can sign in at once by email link." defaultChecked={state.status === "error" ? state.values?.send_invite === "on" : true} />
      <FormStatus state={state} />
      <SubmitButton label="Invite user" pendingLabel="Inviting…" />
    </form>
  );
}

type UserActions = { role: Action; reset: Action; unblock: Action; resend: Action; remove: Action };
type UserRow = { id: string; email: string; role: string; invited: boolean; locked: boolean };

/** One user's buttons; their answers show under them (the newest one). */
export function PortalUserActions({ user, accountId, actions }: { user: UserRow; accountId: string; actions: UserActions }) {
  const [roleState, setRole] = useActionState(actions.role, IDLE_FORM);
  const [confirming, setConfirming] = useState<"reset" | "remove" | null>(null);
  // A confirmed reset closes its confirmation (the user stays listed); a removed user leaves the list.
  const [resetState, reset] = useActionState(async (prev: AdminFormState, form: FormData) => {
    const state = await actions.reset(prev, form);
    if (state.status === "success") setConfirming(null);
    return state;
  }, IDLE_FORM);
  const [unblockState, unblock] = useActionState(actions.unblock, IDLE_FORM);
  const [resendState, resend] = useActionState(actions.resend, IDLE_FORM);
  const [removeState, remove] = useActionState(actions.remove, IDLE_FORM);
  const answer = [roleState, resetState, unblockState, resendState, removeState].sort((a, b) => b.seq - a.seq)[0]!;
  const ids = (
    <>
      <input type="hidden" name="id" value={user.id} />
      <input type="hidden" name="billing_account_id" value={accountId} />
    </>
  );
  const roleId = `role-${user.id}`;
  return (
    <div className="min-w-72 space-y-2">
      <form action={setRole} className="flex flex-wrap items-end gap-2" aria-label={`Change the role of ${user.email}`}>
        {ids}
        <div>
          <label htmlFor={roleId} className="block text-xs font-medium text-slate-700">Role</label>
          <select id={roleId} name="role" defaultValue={user.role} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900">
            {PORTAL_ROLES.map((r) => <option key={r.value} value={r.value}>{r.value}</option>)}
          </select>
        </div>
        <SubmitButton label="Change role" pendingLabel="Saving…" variant="secondary" />
      </form>
      <div className="flex flex-wrap gap-2">
        {user.locked ? (
          <form action={unblock} aria-label={`Unblock ${user.email}`}>
            {ids}
            <SubmitButton label="Unblock" pendingLabel="Unblocking…" variant="secondary" />
          </form>
        ) : null}
        {user.invited ? (
          <form action={resend} aria-label={`Resend the invite to ${user.email}`}>
            {ids}
            <SubmitButton label="Resend invite" pendingLabel="Sending…" variant="secondary" />
          </form>
        ) : null}
        {confirming ? null : (
          <>
            <button type="button" onClick={() => setConfirming("reset")} className={secondaryButton}>Force password reset…</button>
            <button type="button" onClick={() => setConfirming("remove")} className={dangerButton}>Remove…</button>
          </>
        )}
      </div>
      {confirming === "reset" ? (
        <form action={reset} className="space-y-2 rounded-md bg-slate-50 p-3 text-sm" aria-label={`Confirm forcing a password reset for ${user.email}`}>
          {ids}
          <p className="break-all text-slate-800">Sign {user.email} out everywhere and require a new password at their next sign-in?</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton label="Yes, force a reset" pendingLabel="Saving…" variant="danger" />
            <button type="button" onClick={() => setConfirming(null)} className={cancelButton}>Cancel</button>
          </div>
        </form>
      ) : null}
      {confirming === "remove" ? (
        <form action={remove} className="space-y-2 rounded-md bg-slate-50 p-3 text-sm" aria-label={`Confirm removing ${user.email}`}>
          {ids}
          <input type="hidden" name="confirm" value="remove" />
          <p className="break-all text-slate-800">Remove {user.email}? Their sessions end and every link they were sent stops working.</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton label="Yes, remove" pendingLabel="Removing…" variant="danger" />
            <button type="button" onClick={() => setConfirming(null)} className={cancelButton}>Cancel</button>
          </div>
        </form>
      ) : null}
      {answer.status !== "idle" ? <FormStatus state={answer} /> : null}
    </div>
  );
}

const secondaryButton = "rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-teal-700";
const dangerButton = "rounded-md bg-white px-4 py-2 text-sm font-semibold text-red-800 shadow-sm ring-1 ring-inset ring-red-300 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-teal-700";
const cancelButton = "rounded-md px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100";
