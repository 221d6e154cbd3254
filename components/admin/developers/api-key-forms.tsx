"use client";

import { useActionState, useState } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { Checkbox, Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";
import { SecretReveal } from "./secret-reveal";

type Action = (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;

const KEY_NOTE = "Ciclo keeps only a hash of the key. Store it in your server's secrets; if it is lost, roll the key.";

export function CreateApiKeyForm({ action, resources, mode }: { action: Action; resources: readonly string[]; mode: "live" | "test" }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const sent = (name: string) => (state.status === "error" ? (state.values?.[name] ?? "") : "");
  const scopesSent = sent("scopes").split("\n");
  return (
    <div className="space-y-4">
      {state.status === "success" && state.secret ? <SecretReveal label={state.secret.label} value={state.secret.value} note={KEY_NOTE} /> : null}
      <form key={state.seq} action={formAction} noValidate className="space-y-4" aria-labelledby="create-key-heading">
        <Field name="name" label="Name" hint={`A ${mode} key (sk_${mode}_…). Name it after where it is used, e.g. “Billing backend”.`} error={state.fields.name}>
          {(a11y) => <input {...a11y} name="name" type="text" autoComplete="off" maxLength={100} defaultValue={sent("name")} className={inputClass} />}
        </Field>
        <details className="rounded-lg border border-slate-200 px-4 py-2" open={scopesSent.some(Boolean) || Boolean(state.fields.scopes)}>
          <summary className="cursor-pointer text-sm font-medium text-slate-800">Limit the key to some scopes (optional; none ticked = full access)</summary>
          <fieldset className="mt-3 pb-2">
            <legend className="sr-only">Scopes</legend>
            <div className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
              {resources.flatMap((r) => [`${r}:read`, `${r}:write`]).map((scope) => (
                <Checkbox key={scope} name="scopes" value={scope} label={scope} defaultChecked={scopesSent.includes(scope)} />
              ))}
            </div>
            {state.fields.scopes ? <p className="mt-1 text-sm font-medium text-red-800" data-testid="field-error">Scopes: {state.fields.scopes}</p> : null}
          </fieldset>
        </details>
        <FormStatus state={state.status === "success" ? { ...state, message: state.message } : state} />
        <SubmitButton label="Create key" pendingLabel="Creating…" />
      </form>
    </div>
  );
}

/** Roll and revoke for one key, each behind a confirm step; after a roll, the new secret (once). */
export function ApiKeyActions({ name, id, active, rollAction, revokeAction }: { name: string; id: string; active: boolean; rollAction: Action; revokeAction: Action }) {
  const [rollState, roll] = useActionState(rollAction, IDLE_FORM);
  const [revokeState, revoke] = useActionState(revokeAction, IDLE_FORM);
  const [confirming, setConfirming] = useState<"roll" | "revoke" | null>(null);
  const answer = [rollState, revokeState].sort((a, b) => b.seq - a.seq)[0]!;
  return (
    <div className="space-y-2">
      {rollState.status === "success" && rollState.secret ? (
        <SecretReveal label={rollState.secret.label} value={rollState.secret.value} note={`The old secret of “${name}” stopped working when you rolled it. ${KEY_NOTE}`} />
      ) : null}
      {active && confirming === null ? (
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" onClick={() => setConfirming("roll")} className="rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-teal-700">
            Roll<span className="sr-only"> {name}</span>
          </button>
          <button type="button" onClick={() => setConfirming("revoke")} className="rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-teal-700">
            Revoke<span className="sr-only"> {name}</span>
          </button>
        </div>
      ) : null}
      {active && confirming ? (
        <form action={confirming === "roll" ? roll : revoke} className="space-y-2 rounded-md bg-slate-50 p-3 text-sm" aria-label={`Confirm: ${confirming} ${name}`}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="confirm" value={confirming} />
          <p className="text-slate-800">
            {confirming === "roll"
              ? `Roll “${name}”? A new secret is made and the current one stops working at once.`
              : `Revoke “${name}”? Requests with it are refused from now on. This cannot be undone.`}
          </p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton label={confirming === "roll" ? "Yes, roll it" : "Yes, revoke it"} pendingLabel="Working…" variant="danger" />
            <button type="button" onClick={() => setConfirming(null)} className="rounded-md px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100">Cancel</button>
          </div>
        </form>
      ) : null}
      {answer.status === "error" ? <FormStatus state={answer} /> : null}
    </div>
  );
}
