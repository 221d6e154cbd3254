"use client";

import { Field, inputClass } from "../forms/field";
import { ActionButton, useRecordActions, type Action } from "./record-action";

// The subscription's lifecycle actions, as the API offers them for the state it is in: cancel
// (now, or at the end of the period), pause (optionally until a date), resume, and undo a
// scheduled cancellation.
type Props = {
  id: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  periodEnd: string;
  actions: { cancel: Action; pause: Action; resume: Action; reactivate: Action };
};

const RUNNING = ["trialing", "active", "past_due"];

export function SubscriptionActions({ id, status, cancelAtPeriodEnd, periodEnd, actions }: Props) {
  const { use, status: answer } = useRecordActions(actions);
  const running = RUNNING.includes(status);
  return (
    <div className="space-y-3" data-testid="subscription-actions">
      <div className="flex flex-wrap items-start gap-2">
        {cancelAtPeriodEnd && status !== "canceled" ? (
          <ActionButton id={id} label="Don't cancel" pendingLabel="Saving…" variant="primary" {...use("reactivate")} />
        ) : null}
        {status === "paused" ? <ActionButton id={id} label="Resume billing" pendingLabel="Resuming…" variant="primary" {...use("resume")} /> : null}
        {running ? (
          <ActionButton id={id} label="Pause" pendingLabel="Pausing…" {...use("pause")}
            confirm={{ value: "pause", yes: "Pause the subscription", text: "Usage so far is invoiced, then nothing is billed while paused. Resuming starts a fresh period." }}>
            {(state) => (
              <Field name="resume_at" label="Resume automatically on (optional, UTC)" error={state.fields.resume_at}>
                {(a11y) => <input {...a11y} name="resume_at" type="date" defaultValue={state.values?.resume_at ?? ""} className={`${inputClass} max-w-48`} />}
              </Field>
            )}
          </ActionButton>
        ) : null}
        {status !== "canceled" ? (
          <ActionButton id={id} label="Cancel subscription" pendingLabel="Canceling…" variant="danger" {...use("cancel")}
            confirm={{ value: "cancel", yes: "Cancel the subscription", text: "Choose when it ends. A canceled subscription cannot be restarted: the customer needs a new one." }}>
            {(state) => (
              <>
                <fieldset aria-describedby={state.fields.at_period_end ? "at_period_end-error" : undefined}>
                  <legend className="font-medium text-slate-800">When</legend>
                  <div className="mt-1 space-y-1">
                    {running && !cancelAtPeriodEnd ? (
                      <label className="flex items-center gap-2"><input type="radio" name="at_period_end" value="true" defaultChecked={state.values?.at_period_end !== "false"} /> At the end of the current period ({periodEnd})</label>
                    ) : null}
                    <label className="flex items-center gap-2"><input type="radio" name="at_period_end" value="false" defaultChecked={!running || cancelAtPeriodEnd || state.values?.at_period_end === "false"} /> Now</label>
                  </div>
                  {state.fields.at_period_end ? <p id="at_period_end-error" className="mt-1 text-sm font-medium text-red-800" data-testid="field-error">{state.fields.at_period_end}</p> : null}
                </fieldset>
                <Field name="cancellation_reason" label="Reason (optional)" error={state.fields.cancellation_reason}>
                  {(a11y) => <input {...a11y} name="cancellation_reason" type="text" defaultValue={state.values?.cancellation_reason ?? ""} className={inputClass} />}
                </Field>
              </>
            )}
          </ActionButton>
        ) : null}
      </div>
      {status === "canceled" ? <p className="text-sm text-slate-600">A canceled subscription cannot be restarted: create a new one for the customer.</p> : null}
      {answer}
    </div>
  );
}
