import type { ActionState } from "@/lib/portal/form-state";

/** The outcome of a form, announced: success politely, an error as an alert. */
export function FormStatus({ state, pending, pendingText, linkText }: { state: ActionState; pending: boolean; pendingText: string; linkText?: string }) {
  if (pending) {
    return (
      <p className="text-sm text-zinc-600" role="status" aria-live="polite">
        {pendingText}
      </p>
    );
  }
  if (state.status === "success" && state.message) {
    return (
      <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900" role="status" aria-live="polite">
        {state.message}
        {state.link && linkText ? (
          <>
            {" "}
            <a href={state.link} className="font-semibold underline">
              {linkText}
            </a>
          </>
        ) : null}
      </p>
    );
  }
  if (state.status === "error" && state.message) {
    return (
      <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" role="alert">
        {state.message}
      </p>
    );
  }
  return null;
}
