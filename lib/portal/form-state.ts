import type { ChangeSummary } from "./change-summary";
import type { PortalErrorCode, PortalResult } from "./outcome";

// What the self-service sections' forms hold between submissions (useActionState): the
// outcome worded for the viewer. Plain data, so it crosses from server actions to the browser.
export type ActionState = { status: "idle" | "success" | "error"; message: string | null; param?: string | null; link?: string | null };

export const IDLE: ActionState = { status: "idle", message: null };

/** A preview on screen, with the request it answers (sent back unchanged to confirm). */
export type PreviewState =
  | { status: "idle"; message: null }
  | { status: "error"; message: string }
  | { status: "preview"; message: null; summary: ChangeSummary; request: string; key: number };

export const IDLE_PREVIEW: PreviewState = { status: "idle", message: null };

/** The result as a form state: `success` words a success, `errors` every refusal. */
export function stateOf<T>(result: PortalResult<T>, errors: Record<PortalErrorCode, string>, success: (value: T) => string, link?: (value: T) => string | null): ActionState {
  if (result.ok) return { status: "success", message: success(result.value), link: link?.(result.value) ?? null };
  return { status: "error", message: errors[result.error], param: result.param };
}

/** A whole number from a form field, or null. */
export function intField(form: FormData, name: string): number | null {
  const raw = form.get(name);
  if (typeof raw !== "string" || !/^\d{1,9}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

export function textField(form: FormData, name: string, max = 1000): string {
  const raw = form.get(name);
  return typeof raw === "string" ? raw.slice(0, max) : "";
}
