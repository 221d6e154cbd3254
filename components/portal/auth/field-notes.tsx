// The hint and the error under a form field, and the ids its input names in aria-describedby:
// one place for that wiring in the sign-in forms (auth-form.tsx) and the code forms (two-factor/).
type Notes = { id: string; hint?: string | null; error?: string | null };

export function describedBy({ id, hint, error }: Notes): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function FieldNotes({ id, hint, error }: Notes) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}
