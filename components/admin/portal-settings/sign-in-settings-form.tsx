"use client";

import Link from "next/link";
import type { PortalSettings } from "@/db/schema";
import type { AdminFormState } from "@/lib/admin/form-state";
import { ActionForm, checkedAfter, textAfter } from "../forms/action-form";
import { Checkbox, Field, FieldError, inputClass } from "../forms/field";
import { FieldGroup } from "../forms/section-card";

// How customers sign in to the portal: methods, mandatory 2FA per portal role, password policy,
// lockout and session lifetimes. SSO methods can be switched on once configured (SSO page).
type Props = {
  action: (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;
  settings: Pick<PortalSettings, "authMethods" | "totpRequiredRoles" | "passwordPolicy" | "lockoutThreshold" | "lockoutMinutes" | "sessionIdleMinutes" | "sessionAbsoluteHours">;
  ssoConfigured: { jwt: boolean; oidc: boolean };
  ssoHref: string;
  canWrite: boolean;
};

const ROLES = [["owner", "Owner"], ["admin", "Admin"], ["finance", "Finance"], ["viewer", "Viewer"]] as const;

export function SignInSettingsForm({ action, settings, ssoConfigured, ssoHref, canWrite }: Props) {
  const number = (state: AdminFormState, name: string, label: string, saved: number, hint?: string) => (
    <Field name={name} label={label} error={state.fields[name]} hint={hint}>
      {(a11y) => <input {...a11y} name={name} inputMode="numeric" defaultValue={textAfter(state, name, String(saved))} disabled={!canWrite} className={`${inputClass} w-32`} />}
    </Field>
  );
  return (
    <ActionForm action={action} canWrite={canWrite} submitLabel="Save sign-in settings">
      {(state) => (
        <>
          <FieldGroup legend="Sign-in methods">
            <Checkbox name="auth_methods.magic_link" label="Email link (magic link)" defaultChecked={checkedAfter(state, "auth_methods.magic_link", settings.authMethods.magic_link)} disabled={!canWrite} />
            <Checkbox name="auth_methods.password" label="Password" defaultChecked={checkedAfter(state, "auth_methods.password", settings.authMethods.password)} disabled={!canWrite} />
            <Checkbox name="auth_methods.sso_jwt" label="Signed token from your platform (SSO)" defaultChecked={checkedAfter(state, "auth_methods.sso_jwt", settings.authMethods.sso_jwt)} disabled={!canWrite || !ssoConfigured.jwt}
              hint={ssoConfigured.jwt ? undefined : <>Configure it first on <Link className="underline" href={ssoHref}>Single sign-on</Link>.</>} />
            <Checkbox name="auth_methods.oidc" label="OpenID Connect (SSO)" defaultChecked={checkedAfter(state, "auth_methods.oidc", settings.authMethods.oidc)} disabled={!canWrite || !ssoConfigured.oidc}
              hint={ssoConfigured.oidc ? undefined : <>Configure it first on <Link className="underline" href={ssoHref}>Single sign-on</Link>.</>} />
            {["auth_methods", "auth_methods.sso_jwt", "auth_methods.oidc", "auth_methods.magic_link", "auth_methods.password"].map((k) => <FieldError key={k} id={`err-${k}`} error={state.fields[k]} />)}
          </FieldGroup>
          <FieldGroup legend="Two-factor authentication" description="Portal users with these roles must set up an authenticator app (TOTP) to sign in.">
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              {ROLES.map(([role, label]) => (
                <Checkbox key={role} name="totp_required_roles" value={role} label={label} disabled={!canWrite}
                  defaultChecked={state.values ? (state.values.totp_required_roles ?? "").split("\n").includes(role) : settings.totpRequiredRoles.includes(role)} />
              ))}
            </div>
            <FieldError id="err-totp" error={state.fields.totp_required_roles} />
          </FieldGroup>
          <FieldGroup legend="Passwords">
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
              {number(state, "password_policy.min_length", "Minimum length", settings.passwordPolicy.min_length, "8 to 64")}
              {number(state, "password_policy.max_length", "Maximum length", settings.passwordPolicy.max_length, "64 to 1024")}
            </div>
            <Checkbox name="password_policy.block_common" label="Refuse common passwords" defaultChecked={checkedAfter(state, "password_policy.block_common", settings.passwordPolicy.block_common)} disabled={!canWrite} />
          </FieldGroup>
          <FieldGroup legend="Lockout and sessions">
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
              {number(state, "lockout_threshold", "Failed attempts before lockout", settings.lockoutThreshold, "1 to 100")}
              {number(state, "lockout_minutes", "Lockout duration (minutes)", settings.lockoutMinutes, "1 to 10080")}
              {number(state, "session_idle_minutes", "Idle session timeout (minutes)", settings.sessionIdleMinutes, "5 to 1440")}
              {number(state, "session_absolute_hours", "Session lifetime (hours)", settings.sessionAbsoluteHours, "1 to 720")}
            </div>
          </FieldGroup>
        </>
      )}
    </ActionForm>
  );
}
