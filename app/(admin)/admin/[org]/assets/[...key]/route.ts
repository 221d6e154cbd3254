// GET /admin/<org>/assets/<key> — an organization's uploaded branding image, for its staff (previews)
import { getDb } from "@/db";
import { ASSET_PATH_PREFIX, brandingAssetKey } from "@/lib/portal/branding-images";
import { postgresStore } from "@/lib/storage/postgres";
import { objectResponse } from "@/lib/storage/serve";
import { findStaff } from "../../../staff";

type Params = { params: Promise<{ org: string; key: string[] }> };

export async function GET(request: Request, { params }: Params) {
  const { org, key: segments } = await params;
  const staff = await findStaff(org, "portal_settings:read");
  const key = brandingAssetKey(`${ASSET_PATH_PREFIX}${segments.join("/")}`);
  const object = staff && key ? await postgresStore(getDb()).get(staff.organization.id, key) : null;
  return objectResponse(object, request.headers, { cacheControl: "private, max-age=3600" });
}
