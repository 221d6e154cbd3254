// The signed-in staff member: who, their role here, and sign out (a server action passed in).
type Props = { name: string | null; email: string; role: string; signOutAction: () => Promise<void> };

export function AdminUserMenu({ name, email, role, signOutAction }: Props) {
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-full p-1 pr-3 text-sm font-medium text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="flex h-7 w-7 items-center justify-center rounded-full bg-teal-700 text-xs font-bold text-white">
          {(name ?? email).trim().slice(0, 1).toUpperCase()}
        </span>
        <span className="sr-only">Account menu: </span>
        <span className="max-w-40 truncate">{name ?? email}</span>
      </summary>
      <div className="absolute right-0 z-30 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-4 shadow-lg">
        <p className="text-xs text-slate-600">Signed in as</p>
        <p className="truncate text-sm font-semibold text-slate-900" data-testid="staff-email">{email}</p>
        <p className="mt-1 text-xs text-slate-600">Role: {role}</p>
        <form action={signOutAction} className="mt-3 border-t border-slate-200 pt-3">
          <button type="submit" className="w-full rounded-md px-3 py-2 text-left text-sm font-semibold text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-teal-700">
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
