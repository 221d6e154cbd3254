// Button and field looks shared by the self-service sections. The brand colours are the shell's
// CSS variables: --brand (with --brand-foreground on it) for main buttons, --brand-accent for focus.
const focus = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]";

export const primaryButton =
  "inline-flex items-center justify-center gap-2 rounded-lg bg-[var(--brand)] px-4 py-2 text-sm font-semibold text-[var(--brand-foreground)] shadow-sm " +
  `hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-60 ${focus}`;

export const secondaryButton =
  "inline-flex items-center justify-center gap-2 rounded-lg bg-white px-4 py-2 text-sm font-semibold text-zinc-900 ring-1 ring-inset ring-zinc-300 " +
  `hover:bg-zinc-50 disabled:cursor-not-allowed disabled:opacity-60 ${focus}`;

export const dangerButton =
  "inline-flex items-center justify-center gap-2 rounded-lg bg-red-700 px-4 py-2 text-sm font-semibold text-white shadow-sm " +
  "hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700";

export const fieldClass =
  "mt-1 block w-full rounded-md border border-zinc-400 bg-white px-3 py-2 text-sm text-zinc-900 " +
  "focus:border-[var(--brand-accent)] focus:outline-none focus:ring-2 focus:ring-[var(--brand-accent)]/30";

export const labelClass = "block text-sm font-medium text-zinc-800";

export const linkClass = `font-medium text-[var(--brand-accent)] underline underline-offset-4 hover:opacity-80 ${focus}`;
