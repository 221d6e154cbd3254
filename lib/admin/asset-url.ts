import { ASSET_PATH_PREFIX, brandingAssetKey } from "@/lib/portal/branding-images";

/** A logo or favicon as the admin shows it: an uploaded one through the admin's own route, an inline one as is. */
export function adminImageUrl(organizationSlug: string, value: string | null): string | null {
  if (!value) return null;
  const key = brandingAssetKey(value);
  if (key) return `/admin/${organizationSlug}${ASSET_PATH_PREFIX}${key}`;
  return value.startsWith("data:image/") ? value : null;
}
