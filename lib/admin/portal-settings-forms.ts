import { PORTAL_SECTIONS, portalRoles } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { prepareBrandingImage, storeBrandingImage, type BrandingImageField, type PreparedImage } from "@/lib/portal/branding-images";
import { invalidatePortalSettings, updatePortalSettings, updatePortalSettingsInput } from "@/lib/portal/settings";
import { invalidateMerchantBrand } from "@/lib/email/brand";
import { failureState } from "./form-errors";
import { checked, echoValues, errorState, integer, INVALID_MESSAGE, issuesToFields, optionalText, successState, type AdminFormState } from "./form-state";

// The admin's portal-settings forms, read into the very input PATCH /api/v1/portal_settings
// takes, validated by the same zod schema and saved by the same function (which invalidates the
// settings cache, so the portal shows the change on its next request). Field names are the
// API's dotted paths, so a zod issue lands under its field.
async function save(db: DbOrTx, organizationId: string, raw: unknown, prev: AdminFormState, values: Record<string, string>, images: PreparedImage[] = []): Promise<AdminFormState> {
  const parsed = updatePortalSettingsInput.safeParse(raw);
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
  try {
    // Images and the settings that point at them: one transaction, all or nothing.
    await db.transaction(async (tx) => {
      for (const image of images) await storeBrandingImage(tx, organizationId, image);
      await updatePortalSettings(tx, organizationId, parsed.data);
    });
  } catch (error) {
    return failureState(prev, error, values);
  } finally {
    // Again after commit: the update's own invalidation ran inside the transaction.
    invalidatePortalSettings(organizationId);
    invalidateMerchantBrand(organizationId);
  }
  return successState(prev, "Saved. The portal shows the change now.", values);
}

async function upload(form: FormData, field: BrandingImageField): Promise<{ image: PreparedImage | null; error: string | null }> {
  const file = form.get(`${field}_file`);
  if (!(file instanceof File) || file.size === 0) return { image: null, error: null };
  const prepared = prepareBrandingImage(field, Buffer.from(await file.arrayBuffer()));
  return prepared.ok ? { image: prepared.image, error: null } : { image: null, error: prepared.message };
}

export async function saveBrandingForm(db: DbOrTx, organizationId: string, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const text = (name: string) => optionalText(form, `branding.${name}`);
  const branding: Record<string, unknown> = {
    name: text("name"),
    primary_color: text("primary_color") ?? "",
    accent_color: text("accent_color") ?? "",
    support_email: text("support_email"),
    support_url: text("support_url"),
    support_phone: text("support_phone"),
    footer_legal_text: text("footer_legal_text"),
  };
  const images: PreparedImage[] = [];
  const fileErrors: Record<string, string> = {};
  for (const field of ["logo", "favicon"] as const) {
    const { image, error } = await upload(form, field);
    if (error) fileErrors[`branding.${field}`] = error;
    if (image) {
      images.push(image);
      branding[field] = image.path;
    } else if (checked(form, `remove_${field}`)) {
      branding[field] = null;
    }
  }
  if (Object.keys(fileErrors).length > 0) {
    const parsed = updatePortalSettingsInput.safeParse({ branding });
    return errorState(prev, INVALID_MESSAGE, { ...(parsed.success ? {} : issuesToFields(parsed.error.issues)), ...fileErrors }, values);
  }
  return save(db, organizationId, { branding }, prev, values, images);
}

export async function saveSectionsForm(db: DbOrTx, organizationId: string, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const features = Object.fromEntries(PORTAL_SECTIONS.map((s) => [s, checked(form, `features.${s}`)]));
  return save(db, organizationId, { features }, prev, echoValues(form));
}

export async function saveSignInForm(db: DbOrTx, organizationId: string, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const raw = {
    auth_methods: {
      magic_link: checked(form, "auth_methods.magic_link"),
      password: checked(form, "auth_methods.password"),
      sso_jwt: checked(form, "auth_methods.sso_jwt"),
      oidc: checked(form, "auth_methods.oidc"),
    },
    totp_required_roles: portalRoles.filter((role) => form.getAll("totp_required_roles").includes(role)),
    password_policy: {
      min_length: integer(form, "password_policy.min_length"),
      max_length: integer(form, "password_policy.max_length"),
      block_common: checked(form, "password_policy.block_common"),
    },
    lockout_threshold: integer(form, "lockout_threshold"),
    lockout_minutes: integer(form, "lockout_minutes"),
    session_idle_minutes: integer(form, "session_idle_minutes"),
    session_absolute_hours: integer(form, "session_absolute_hours"),
  };
  return save(db, organizationId, raw, prev, echoValues(form));
}

export async function saveGeneralForm(db: DbOrTx, organizationId: string, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const origins = String(form.get("allowed_return_origins") ?? "")
    .split(/[\s,]+/)
    .map((o) => o.trim())
    .filter(Boolean);
  const raw = { allowed_return_origins: origins, default_locale: String(form.get("default_locale") ?? "") };
  const parsed = updatePortalSettingsInput.safeParse(raw);
  if (!parsed.success) {
    // Name the origin at fault: the field holds a list.
    const issues = parsed.error.issues.map((i) => (typeof i.path[1] === "number" ? { ...i, message: `${origins[i.path[1]]} ${i.message}` } : i));
    return errorState(prev, INVALID_MESSAGE, issuesToFields(issues), echoValues(form));
  }
  return save(db, organizationId, raw, prev, echoValues(form));
}
