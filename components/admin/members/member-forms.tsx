"use client";

import { useActionState } from "react";
import type { MemberRole } from "@/db/schema";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { ROLE_LABELS } from "@/lib/staff/permissions";
import { Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";

type Action = (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;

export function InviteForm({ action, roles }: { action: Action; roles: MemberRole[] }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  return (
    <form key={state.seq} action={formAction} noValidate className="space-y-4" aria-labelledby="invite-heading">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
        <Field name="email" label="Email" error={state.fields.email}>
          {(a11y) => <input {...a11y} name="email" type="email" autoComplete="off" defaultValue={state.status === "error" ? (state.values?.email ?? "") : ""} className={inputClass} />}
        </Field>
        <Field name="role" label="Role" error={state.fields.role}>
          {(a11y) => (
            <select {...a11y} name="role" defaultValue={roles.includes("developer") ? "developer" : roles[0]} className={inputClass}>
              {roles.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
            </select>
          )}
        </Field>
      </div>
      <FormStatus state={state} />
      <SubmitButton label="Send invitation" pendingLabel="Sending…" />
    </form>
  );
}

export function RoleForm({ action, userId, role, roles, who }: { action: Action; userId: string; role: MemberRole; roles: MemberRole[]; who: string }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="user_id" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>Role of {who}</label>
      <select id={`role-${userId}`} name="role" defaultValue={role} className={`${inputClass} mt-0 w-full sm:w-36`}>
        {roles.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
      </select>
      <SubmitButton label="Change role" pendingLabel="Saving…" variant="secondary" />
      {state.status === "idle" ? null : <div className="w-full"><FormStatus state={{ ...state, message: state.fields.role ?? state.message }} /></div>}
    </form>
  );
}

export function RemoveForm({ action, userId, who }: { action: Action; userId: string; who: string }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  return (
    <form action={formAction} aria-label={`Remove ${who}`}>
      <input type="hidden" name="user_id" value={userId} />
      <SubmitButton label="Remove" pendingLabel="Removing…" variant="danger" />
      {state.status === "error" ? <FormStatus state={state} /> : null}
    </form>
  );
}

export function WithdrawForm({ action, inviteId, email }: { action: Action; inviteId: string; email: string }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  return (
    <form action={formAction} aria-label={`Withdraw the invitation to ${email}`}>
      <input type="hidden" name="invite_id" value={inviteId} />
      <SubmitButton label="Withdraw" pendingLabel="Withdrawing…" variant="danger" />
      {state.status === "error" ? <FormStatus state={state} /> : null}
    </form>
  );
}
