"use client";

import { useActionState } from "react";

// Staff sign-in: password, or a link by email. Two forms, each with its own answer; the page
// hands each its server action.
export type SignInState = { error: string | null; email: string };
type SignInAction = (prev: SignInState, form: FormData) => Promise<SignInState>;

const initial: SignInState = { error: null, email: "" };
const input =
  "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-slate-900 focus:border-teal-700 focus:outline-none focus:ring-2 focus:ring-teal-700/30";
const button = "w-full rounded-md px-4 py-2 font-medium disabled:opacity-60";

export function PasswordSignInForm({ callbackUrl, signInAction }: { callbackUrl: string; signInAction: SignInAction }) {
  const [state, action, pending] = useActionState(signInAction, initial);
  return (
    <form action={action} className="space-y-4" noValidate>
      <h2 id="password-heading" className="sr-only">Sign in with a password</h2>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required defaultValue={state.email} className={input} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={input} />
      </div>
      {state.error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{state.error}</p> : null}
      <button type="submit" disabled={pending} className={`${button} bg-teal-700 text-white hover:bg-teal-800`}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

export function MagicLinkForm({ callbackUrl, magicLinkAction }: { callbackUrl: string; magicLinkAction: SignInAction }) {
  const [state, action, pending] = useActionState(magicLinkAction, initial);
  return (
    <form action={action} className="space-y-4" noValidate>
      <h2 id="magic-heading" className="text-sm font-semibold text-slate-800">Or get a sign-in link by email</h2>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="magic-email" className="block text-sm font-medium text-slate-700">Email for the link</label>
        <input id="magic-email" name="email" type="email" autoComplete="email" required defaultValue={state.email} className={input} />
      </div>
      {state.error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{state.error}</p> : null}
      <button type="submit" disabled={pending} className={`${button} bg-white text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-50`}>
        {pending ? "Sending…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}
