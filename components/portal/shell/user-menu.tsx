// The signed-in user's menu: who they are, their role, and sign out (the auth pages' server
// action, passed in). A <details> disclosure: it works without JavaScript, and so does the form.
type Props = {
  name: string | null;
  email: string;
  role: string;
  labels: { menu: string; signedInAs: string; signOut: string };
  signOutAction: () => Promise<void>;
};

export function UserMenu({ name, email, role, labels, signOutAction }: Props) {
  const initials = (name ?? email).trim().slice(0, 1).toUpperCase();
  return (
    <details className="group relative">
      <summary
        className="flex cursor-pointer list-none items-center gap-2 rounded-full p-1 pr-3 text-sm font-medium text-zinc-900 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)] [&::-webkit-details-marker]:hidden"
      >
        <span aria-hidden="true" className="flex h-7 w-7 items-center justify-center rounded-full bg-[var(--brand)] text-xs font-bold text-[var(--brand-foreground)]">
          {initials}
        </span>
        {/* Named by its content, so the name always holds the visible label; on phones, where the
            name is not shown, it is still announced ("Your account: Ana", never a bare "Your account:"). */}
        <span className="sr-only">{labels.menu}: </span>
        <span className="sr-only sm:hidden">{name ?? email}</span>
        <span className="hidden max-w-40 truncate sm:inline">{name ?? email}</span>
      </summary>
      <div className="absolute left-0 z-20 mt-2 w-72 max-w-[calc(100vw-2rem)] sm:left-auto sm:right-0 rounded-lg border border-zinc-200 bg-white p-4 shadow-lg">
        <p className="text-xs text-zinc-600">{labels.signedInAs}</p>
        {name ? <p className="mt-1 truncate font-semibold text-zinc-950" data-testid="user-name">{name}</p> : null}
        <p className="truncate text-sm text-zinc-700" data-testid="user-email">{email}</p>
        <p className="mt-1 text-xs text-zinc-600">{role}</p>
        <form action={signOutAction} className="mt-4 border-t border-zinc-200 pt-3">
          <button
            type="submit"
            className="w-full rounded-md px-3 py-2 text-left text-sm font-semibold text-zinc-900 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]"
          >
            {labels.signOut}
          </button>
        </form>
      </div>
    </details>
  );
}
