"use client";

import { useActionState, useState } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { Checkbox, Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";
import { SecretReveal } from "./secret-reveal";

type Action = (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;

export function CreateEndpointForm({ action, eventTypes, mode }: { action: Action; eventTypes: readonly string[]; mode: "live" | "test" }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const sent = (name: string) => (state.status === "error" ? (state.values?.[name] ?? "") : "");
  const eventsSent = sent("events").split("\n");
  return (
    <div className="space-y-4">
      {state.status === "success" && state.secret ? (
        <SecretReveal label={state.secret.label} value={state.secret.value} note="Verify the Ciclo-Signature header of each delivery with it. To get a new one, roll it through the API (POST /api/v1/webhook_endpoints/:id/roll_secret)." />
      ) : null}
      <form key={state.seq} action={formAction} noValidate className="space-y-4" aria-labelledby="create-endpoint-heading">
        <Field name="url" label="URL" hint={mode === "live" ? "Live endpoints must use https on a public host." : "Test-mode endpoints may be http://localhost for development."} error={state.fields.url}>
          {(a11y) => <input {...a11y} name="url" type="url" autoComplete="off" defaultValue={sent("url")} placeholder="https://example.com/webhooks/ciclo" className={inputClass} />}
        </Field>
        <Field name="description" label="Description (optional)" error={state.fields.description}>
          {(a11y) => <input {...a11y} name="description" type="text" autoComplete="off" defaultValue={sent("description")} className={inputClass} />}
        </Field>
        <fieldset aria-describedby={state.fields.events ? "events-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">Events</legend>
          <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
            <Checkbox name="events" value="*" label="All events (*)" defaultChecked={eventsSent.includes("*")} />
            {eventTypes.map((t) => <Checkbox key={t} name="events" value={t} label={t} defaultChecked={eventsSent.includes(t)} />)}
          </div>
          {state.fields.events ? <p id="events-error" className="mt-1 text-sm font-medium text-red-800" data-testid="field-error">{state.fields.events}</p> : null}
        </fieldset>
        <FormStatus state={state} />
        <SubmitButton label="Add endpoint" pendingLabel="Adding…" />
      </form>
    </div>
  );
}

/** Enable / disable, and delete behind a confirm step. */
export function EndpointActions({ id, url, enabled, statusAction, deleteAction }: { id: string; url: string; enabled: boolean; statusAction: Action; deleteAction: Action }) {
  const [statusState, setStatus] = useActionState(statusAction, IDLE_FORM);
  const [deleteState, remove] = useActionState(deleteAction, IDLE_FORM);
  const [confirming, setConfirming] = useState(false);
  const answer = [statusState, deleteState].sort((a, b) => b.seq - a.seq)[0]!;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <form action={setStatus}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="status" value={enabled ? "disabled" : "enabled"} />
          <SubmitButton label={enabled ? "Disable" : "Enable"} pendingLabel="Saving…" variant="secondary" />
        </form>
        {confirming ? null : (
          <button type="button" onClick={() => setConfirming(true)} className="rounded-md bg-white px-4 py-2 text-sm font-semibold text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-teal-700">
            Delete…
          </button>
        )}
      </div>
      {confirming ? (
        <form action={remove} className="space-y-2 rounded-md bg-slate-50 p-3 text-sm" aria-label="Confirm deleting the endpoint">
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="confirm" value="delete" />
          <p className="break-all text-slate-800">Delete the endpoint {url}? Its pending deliveries and delivery log go with it.</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton label="Yes, delete it" pendingLabel="Deleting…" variant="danger" />
            <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100">Cancel</button>
          </div>
        </form>
      ) : null}
      {answer.status !== "idle" ? <FormStatus state={answer} /> : null}
    </div>
  );
}

export function ResendForm({ id, action }: { id: string; action: Action }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  return (
    <form action={formAction} className="space-y-1" aria-label="Resend this delivery">
      <input type="hidden" name="id" value={id} />
      <SubmitButton label="Resend" pendingLabel="Queuing…" variant="secondary" />
      {state.status !== "idle" ? <FormStatus state={state} /> : null}
    </form>
  );
}
