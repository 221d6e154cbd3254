"use client";

import { useActionState, useState, type ReactNode } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";

export type Action = (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;

/**
 * The actions of one record (an invoice, a subscription): each action keeps its own answer, and
 * the panel shows the answer of the one used last, under the buttons. The panel stays mounted
 * while the record changes state, so a success stays visible after its button goes away.
 */
export function useRecordActions<K extends string>(actions: Record<K, Action>) {
  const [last, setLast] = useState<K | null>(null);
  const states = {} as Record<K, [AdminFormState, (form: FormData) => void]>;
  for (const name of Object.keys(actions) as K[]) {
    // The set of actions is fixed per component, so the hooks run in the same order every render.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    const [state, formAction] = useActionState(actions[name], IDLE_FORM);
    states[name] = [state, formAction];
  }
  const answer = last ? states[last][0] : null;
  const status = answer && answer.status !== "idle" ? <FormStatus state={answer} /> : null;
  const use = (name: K) => ({ state: states[name][0], formAction: states[name][1], onSubmit: () => setLast(name) });
  return { use, status };
}

/**
 * One action: a button posting the record's id. With `confirm`, the button first opens a
 * confirmation saying what happens (posting `confirm=<value>`, which the server requires);
 * `children` are extra inputs shown in that step (given the action's last answer).
 */
export function ActionButton({ id, label, pendingLabel, variant = "secondary", confirm, children, state, formAction, onSubmit }: {
  id: string;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
  confirm?: { value: string; text: ReactNode; yes: string };
  children?: (state: AdminFormState) => ReactNode;
  state: AdminFormState;
  formAction: (form: FormData) => void;
  onSubmit: () => void;
}) {
  // Opened at an answer's seq: a later success closes the confirmation again (an error keeps it open).
  const [openedAt, setOpenedAt] = useState<number | null>(null);
  const open = openedAt !== null && !(state.status === "success" && state.seq > openedAt);
  const setOpen = (value: boolean) => setOpenedAt(value ? state.seq : null);
  if (confirm && !open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className={`rounded-md px-4 py-2 text-sm font-semibold shadow-sm ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-teal-700 ${variant === "danger" ? "bg-white text-red-800 ring-red-300 hover:bg-red-50" : "bg-white text-slate-900 ring-slate-300 hover:bg-slate-50"}`}
      >
        {label}…
      </button>
    );
  }
  return (
    <form key={state.seq} action={formAction} onSubmit={onSubmit} noValidate aria-label={label} className={confirm ? "w-full space-y-3 rounded-lg bg-slate-50 p-4 text-sm ring-1 ring-slate-200" : ""}>
      <input type="hidden" name="id" value={id} />
      {confirm ? <input type="hidden" name="confirm" value={confirm.value} /> : null}
      {confirm ? <p className="text-slate-800">{confirm.text}</p> : null}
      {children ? children(state) : null}
      <div className="flex flex-wrap gap-2">
        <SubmitButton label={confirm ? confirm.yes : label} pendingLabel={pendingLabel} variant={variant} />
        {confirm ? <button type="button" onClick={() => setOpen(false)} className="rounded-md px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100">Back</button> : null}
      </div>
    </form>
  );
}
