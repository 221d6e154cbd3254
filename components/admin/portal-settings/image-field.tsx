"use client";

import { useEffect, useState } from "react";
import { fieldId, FieldError } from "../forms/field";

// Upload of the logo or favicon: the current image, a file input checked in the browser
// before sending (size and type; the server checks the bytes again), a preview of the chosen
// file, and "remove". The preview URL is handed up for the live preview.
const MAX_BYTES = 300 * 1024;

type Props = {
  field: "logo" | "favicon";
  label: string;
  current: string | null;
  accept: string;
  error?: string;
  disabled?: boolean;
  onPreview: (url: string | null | undefined) => void;
};

export function ImageField({ field, label, current, accept, error, disabled, onPreview }: Props) {
  const id = fieldId(`${field}_file`);
  const [chosen, setChosen] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [remove, setRemove] = useState(false);
  useEffect(() => () => { if (chosen) URL.revokeObjectURL(chosen); }, [chosen]);

  const pick = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    setLocalError(null);
    if (!file) { setChosen(null); onPreview(undefined); return; }
    const types = accept.split(",");
    if (file.size > MAX_BYTES || (file.type && !types.includes(file.type))) {
      setLocalError(file.size > MAX_BYTES ? "must be at most 300 kB" : "is not an accepted image type");
      input.value = "";
      setChosen(null);
      onPreview(undefined);
      return;
    }
    const url = URL.createObjectURL(file);
    setChosen(url);
    setRemove(false);
    onPreview(url);
  };

  const shown = chosen ?? (remove ? null : current);
  const shownError = localError ?? error;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <div className="mt-1 flex items-center gap-4">
        <div className="flex h-14 w-28 items-center justify-center rounded-md border border-dashed border-slate-300 bg-slate-50">
          {shown ? (
            // eslint-disable-next-line @next/next/no-img-element -- an uploaded image or a local preview
            <img src={shown} alt={`${label} preview`} data-testid={`${field}-preview`} className="max-h-12 max-w-24 object-contain" />
          ) : (
            <span className="text-xs text-slate-600">None</span>
          )}
        </div>
        <div className="space-y-1">
          <input
            id={id}
            name={`${field}_file`}
            type="file"
            accept={accept}
            disabled={disabled}
            onChange={(e) => pick(e.currentTarget)}
            aria-describedby={`${id}-hint${shownError ? ` ${id}-error` : ""}`}
            aria-invalid={shownError ? true : undefined}
            className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-900 hover:file:bg-slate-200"
          />
          {current ? (
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name={`remove_${field}`} checked={remove} disabled={disabled || chosen !== null}
                onChange={(e) => { setRemove(e.target.checked); onPreview(e.target.checked ? null : undefined); }} />
              Remove the {field}
            </label>
          ) : null}
        </div>
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">{accept.includes("icon") ? "PNG, JPEG, SVG or ICO" : "PNG, JPEG or SVG"}, at most 300 kB.</p>
      <FieldError id={`${id}-error`} error={shownError ?? undefined} />
    </div>
  );
}
