"use client";

import { useActionState, type HTMLInputTypeAttribute } from "react";
import { fieldClass, labelClass, primaryButton } from "@/components/portal/manage/buttons";
import { FormStatus } from "@/components/portal/manage/form-status";
import { IDLE_FIELD_FORM, type FieldFormState } from "@/lib/portal/form-result";

// A labelled form bound to a server action (the Account, Profile and Settings sections): the
// server's message for each field under it (aria-invalid + aria-describedby), the overall
// outcome announced, the submit button disabled while pending (no double submit). The fields
// keep what was typed when the server refuses it (passwords excepted).
export type FieldSpec = {
  name: string;
  label: string;
  type?: Extract<HTMLInputTypeAttribute, "text" | "email" | "tel" | "password"> | "select";
  defaultValue?: string;
  autoComplete?: string;
  hint?: string;
  optional?: boolean;
  options?: ReadonlyArray<{ value: string; label: string }>;
  inputMode?: "text" | "numeric" | "email" | "tel";
  /** Grid columns the field spans out of 6 (default 6: the whole row). */
  span?: 2 | 3 | 4 | 6;
};

export type FieldGroup = { legend?: string; fields: FieldSpec[] };
export type FieldFormAction = (previous: FieldFormState, form: FormData) => Promise<FieldFormState>;

const spans = { 2: "sm:col-span-2", 3: "sm:col-span-3", 4: "sm:col-span-4", 6: "sm:col-span-6" } as const;

function Field({ spec, id, state, disabled, optionalLabel }: { spec: FieldSpec; id: string; state: FieldFormState; disabled: boolean; optionalLabel: string }) {
  const error = state.fields[spec.name];
  const remembered = spec.type === "password" ? undefined : state.values?.[spec.name];
  const value = remembered ?? spec.defaultValue ?? "";
  const describedBy = [spec.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: spec.name,
    disabled,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    className: `${fieldClass} aria-[invalid=true]:border-red-700 disabled:bg-zinc-100 disabled:text-zinc-700`,
  };
  return (
    <div className={`col-span-6 ${spans[spec.span ?? 6]}`}>
      <label htmlFor={id} className={labelClass}>
        {spec.label}
        {spec.optional ? <span className="font-normal text-zinc-600"> ({optionalLabel})</span> : null}
      </label>
      {spec.type === "select" ? (
        <select key={`${spec.name}:${state.seq}`} {...common} defaultValue={value}>
          {(spec.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
      ) : (
        <input
          key={`${spec.name}:${state.seq}`}
          {...common}
          type={spec.type ?? "text"}
          defaultValue={value}
          autoComplete={spec.autoComplete}
          inputMode={spec.inputMode}
          required={!spec.optional}
        />
      )}
      {spec.hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-600">{spec.hint}</p> : null}
      {error ? <p id={`${id}-error`} className="mt-1 text-sm text-red-700" data-testid={`error-${spec.name}`}>{error}</p> : null}
    </div>
  );
}

export function FieldForm({
  id,
  action,
  groups,
  submitLabel,
  pendingText,
  optionalLabel,
  disabled = false,
  hidden = {},
}: {
  /** Prefix of the fields' ids, unique on the page. */
  id: string;
  action: FieldFormAction;
  groups: FieldGroup[];
  submitLabel: string;
  pendingText: string;
  optionalLabel: string;
  disabled?: boolean;
  hidden?: Record<string, string>;
}) {
  const [state, submit, pending] = useActionState(action, IDLE_FIELD_FORM);
  return (
    <form action={submit} noValidate className="space-y-5" data-testid={`${id}-form`}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {groups.map((group, g) => {
        const grid = (
          <div className="grid grid-cols-6 gap-4">
            {group.fields.map((spec) => (
              <Field key={spec.name} spec={spec} id={`${id}-${spec.name}`.replace(/[^\w-]/g, "-")} state={state} disabled={disabled} optionalLabel={optionalLabel} />
            ))}
          </div>
        );
        return group.legend ? (
          <fieldset key={g} className="space-y-3">
            <legend className="text-sm font-semibold text-zinc-950">{group.legend}</legend>
            {grid}
          </fieldset>
        ) : (
          <div key={g}>{grid}</div>
        );
      })}
      {disabled ? null : (
        <div className="space-y-3">
          <button type="submit" className={primaryButton} disabled={pending}>
            {submitLabel}
          </button>
          <FormStatus state={{ status: state.status, message: state.message }} pending={pending} pendingText={pendingText} />
        </div>
      )}
    </form>
  );
}
