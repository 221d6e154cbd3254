/** Shown on every page of a sandbox organization's portal. */
export function TestModeBanner({ organizationName }: { organizationName: string }) {
  return (
    <div role="note" aria-label="Test mode" data-testid="test-mode-banner" className="border-b border-amber-300 bg-amber-100 text-amber-950">
      <p className="mx-auto max-w-3xl px-6 py-3 text-sm">
        <strong className="mr-2 inline-block rounded bg-amber-950 px-2 py-0.5 text-xs font-bold uppercase tracking-wide text-amber-50">
          Test mode
        </strong>
        This is the sandbox of {organizationName}. Nothing here is charged and no real documents are issued.
      </p>
    </div>
  );
}
