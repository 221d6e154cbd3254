"use client";

import type { CSSProperties } from "react";
import { brandVariables } from "@/lib/portal/branding";

// The portal in miniature with the values on screen (not yet saved): the same CSS variables
// the portal's shell sets (lib/portal/branding.ts) on a header, navigation, card, button, link
// and footer drawn like the portal's. Decorative copy of the real thing, so it is one image to
// assistive technology, described by its label.
type Props = { name: string; logo: string | null; primary: string; accent: string; footer: string | null };

const HEX = /^#[0-9a-fA-F]{6}$/;

export function BrandPreview({ name, logo, primary, accent, footer }: Props) {
  const vars = brandVariables({ primary_color: HEX.test(primary) ? primary : "#4f46e5", accent_color: HEX.test(accent) ? accent : "#0f766e" });
  return (
    <figure className="overflow-hidden rounded-xl border border-slate-200 bg-zinc-50 shadow-sm" aria-labelledby="brand-preview-caption">
      <figcaption id="brand-preview-caption" className="border-b border-slate-200 bg-white px-3 py-2 text-xs font-medium text-slate-700">
        Live preview (not saved yet)
      </figcaption>
      <div style={vars as CSSProperties} data-testid="brand-preview" aria-hidden="true" className="text-zinc-900">
        <div className="bg-white">
          <div data-testid="preview-brand-bar" className="h-1.5 bg-[var(--brand)]" />
          <div className="flex items-center gap-2 px-3 py-2">
            {logo ? (
              // eslint-disable-next-line @next/next/no-img-element -- a preview of the chosen image
              <img src={logo} alt="" className="h-7 max-w-28 object-contain" />
            ) : (
              <span className="flex h-7 w-7 items-center justify-center rounded-md bg-[var(--brand)] text-sm font-bold text-[var(--brand-foreground)]">
                {(name || "?").slice(0, 1).toUpperCase()}
              </span>
            )}
            <span className="truncate text-sm font-bold">{name || "Your portal"}</span>
          </div>
          <div className="flex gap-1 border-t border-zinc-200 px-3 py-1.5 text-xs">
            <span className="rounded bg-[var(--brand)] px-2 py-1 font-semibold text-[var(--brand-foreground)]">Overview</span>
            <span className="px-2 py-1 text-zinc-700">Invoices</span>
            <span className="px-2 py-1 text-zinc-700">Payments</span>
          </div>
        </div>
        <div className="p-3">
          <div className="rounded-lg border border-zinc-200 bg-white p-3 shadow-sm">
            <p className="text-sm font-semibold">Pro plan</p>
            <p className="text-xs text-zinc-600">Renews on 1 August · R$ 199,00</p>
            <div className="mt-3 flex items-center gap-3">
              <span data-testid="preview-button" className="rounded-md bg-[var(--brand)] px-3 py-1.5 text-xs font-semibold text-[var(--brand-foreground)]">Pay invoice</span>
              <span className="text-xs font-semibold text-[var(--brand-accent)] underline">View details</span>
            </div>
          </div>
        </div>
        <p className="truncate px-3 pb-3 text-[11px] text-zinc-600">{footer || `© ${name || "Your company"}`}</p>
      </div>
    </figure>
  );
}
