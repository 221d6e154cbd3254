export function PortalHome({ organizationName }: { organizationName: string }) {
  return (
    <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-6 py-20">
      <p className="text-sm font-semibold uppercase tracking-wider text-zinc-600">Customer portal</p>
      <h1 className="mt-2 text-4xl font-bold tracking-tight text-zinc-950">{organizationName}</h1>
      <div className="mt-8 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm">
        <p className="leading-7 text-zinc-700">
          Sign-in opens when the portal launches. You will then see your subscriptions, invoices and payments here.
        </p>
      </div>
    </main>
  );
}
