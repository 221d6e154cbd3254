"use client";

import { useActionState, useState } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { ActionForm, textAfter } from "../forms/action-form";
import { Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { FieldGroup } from "../forms/section-card";
import { SubmitButton } from "../forms/submit-button";

// SSO configuration (the same as PATCH /api/v1/portal_settings/sso): signed tokens from the
// merchant's platform, and OpenID Connect. Secrets are write-only: blank keeps the stored one.
// "Test" checks the saved configuration for real (lib/portal-auth/sso-check.ts).
type Action = (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;
export type JwtView = { algorithm: "HS256" | "RS256"; secretSet: boolean; jwksUrl: string | null; issuer: string | null } | null;
export type OidcView = { issuer: string; clientId: string; secretSet: boolean } | null;

function TestButton({ action, label }: { action: Action; label: string }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  return (
    <form action={formAction} className="space-y-3" aria-label={label}>
      <SubmitButton label={label} pendingLabel="Testing…" variant="secondary" />
      <FormStatus state={state} />
    </form>
  );
}

export function JwtForm({ save, test, current, canWrite }: { save: Action; test: Action; current: JwtView; canWrite: boolean }) {
  return (
    <FieldGroup legend="Signed token from your platform" description="Your platform signs a short-lived JWT for its signed-in customer and sends the browser to /sso/jwt?token=… on the portal.">
      <ActionForm action={save} canWrite={canWrite} submitLabel="Save signed-token settings"
        extraButtons={current ? <SubmitButton name="intent" value="remove" label="Remove" pendingLabel="Removing…" variant="danger" /> : null}>
        {(state) => <JwtFields state={state} current={current} canWrite={canWrite} />}
      </ActionForm>
      {current && canWrite ? <TestButton action={test} label="Test signed tokens" /> : null}
    </FieldGroup>
  );
}

function JwtFields({ state, current, canWrite }: { state: AdminFormState; current: JwtView; canWrite: boolean }) {
  const [algorithm, setAlgorithm] = useState(textAfter(state, "jwt.algorithm", current?.algorithm ?? "HS256"));
  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Algorithm</legend>
        <div className="mt-1 flex gap-6">
          {(["HS256", "RS256"] as const).map((alg) => (
            <label key={alg} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="radio" name="jwt.algorithm" value={alg} checked={algorithm === alg} onChange={() => setAlgorithm(alg)} disabled={!canWrite} />
              {alg === "HS256" ? "HS256 (shared secret)" : "RS256 (your public keys, JWKS)"}
            </label>
          ))}
        </div>
      </fieldset>
      {algorithm === "HS256" ? (
        <Field name="jwt.secret" label="Shared secret" error={state.fields["jwt.secret"]} hint={current?.secretSet && current.algorithm === "HS256" ? "A secret is stored; leave blank to keep it." : "At least 32 characters."}>
          {(a11y) => <input {...a11y} name="jwt.secret" type="password" autoComplete="new-password" disabled={!canWrite} className={inputClass} />}
        </Field>
      ) : (
        <Field name="jwt.jwks_url" label="JWKS URL" error={state.fields["jwt.jwks_url"]} hint="https://… where your public keys are served">
          {(a11y) => <input {...a11y} name="jwt.jwks_url" type="url" defaultValue={textAfter(state, "jwt.jwks_url", current?.jwksUrl ?? "")} disabled={!canWrite} className={inputClass} />}
        </Field>
      )}
      <Field name="jwt.issuer" label="Issuer (optional)" error={state.fields["jwt.issuer"]} hint="When set, tokens must carry this iss.">
        {(a11y) => <input {...a11y} name="jwt.issuer" defaultValue={textAfter(state, "jwt.issuer", current?.issuer ?? "")} disabled={!canWrite} className={inputClass} />}
      </Field>
      {state.fields.jwt ? <p className="text-sm font-medium text-red-800">{state.fields.jwt}</p> : null}
    </div>
  );
}

export function OidcForm({ save, test, current, callbackUrl, canWrite }: { save: Action; test: Action; current: OidcView; callbackUrl: string; canWrite: boolean }) {
  return (
    <FieldGroup legend="OpenID Connect" description={<>Register this redirect URI at your identity provider: <code className="break-all">{callbackUrl}</code></>}>
      <ActionForm action={save} canWrite={canWrite} submitLabel="Save OpenID Connect settings"
        extraButtons={current ? <SubmitButton name="intent" value="remove" label="Remove" pendingLabel="Removing…" variant="danger" /> : null}>
        {(state) => (
          <div className="space-y-4">
            <Field name="oidc.issuer" label="Issuer" error={state.fields["oidc.issuer"]} hint="https://… (its discovery document is read from it)">
              {(a11y) => <input {...a11y} name="oidc.issuer" type="url" defaultValue={textAfter(state, "oidc.issuer", current?.issuer ?? "")} disabled={!canWrite} className={inputClass} />}
            </Field>
            <Field name="oidc.client_id" label="Client ID" error={state.fields["oidc.client_id"]}>
              {(a11y) => <input {...a11y} name="oidc.client_id" defaultValue={textAfter(state, "oidc.client_id", current?.clientId ?? "")} disabled={!canWrite} className={inputClass} />}
            </Field>
            <Field name="oidc.client_secret" label="Client secret" error={state.fields["oidc.client_secret"]} hint={current?.secretSet ? "A secret is stored; leave blank to keep it." : undefined}>
              {(a11y) => <input {...a11y} name="oidc.client_secret" type="password" autoComplete="new-password" disabled={!canWrite} className={inputClass} />}
            </Field>
            {state.fields.oidc ? <p className="text-sm font-medium text-red-800">{state.fields.oidc}</p> : null}
          </div>
        )}
      </ActionForm>
      {current && canWrite ? <TestButton action={test} label="Test OpenID Connect" /> : null}
    </FieldGroup>
  );
}
