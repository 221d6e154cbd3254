// GET /assets/<key> on a portal host — the tenant's uploaded branding images (logo, favicon)
import { getDb } from "@/db";
import { ASSET_PATH_PREFIX, brandingAssetKey } from "@/lib/portal/branding-images";
import { postgresStore } from "@/lib/storage/postgres";
import { objectResponse } from "@/lib/storage/serve";
import { findPortalTenant } from "../../tenant";

type Params = { params: Promise<{ host: string; key: string[] }> };

export async function GET(request: Request, { params }: Params) {
  const tenant = await findPortalTenant(params);
  // Only branding images are public; their keys are content-addressed, so they never change.
  const key = brandingAssetKey(`${ASSET_PATH_PREFIX}${(await params).key.join("/")}`);
  const object = tenant && key ? await postgresStore(getDb()).get(tenant.id, key) : null;
  return objectResponse(object, request.headers, { cacheControl: "public, max-age=31536000, immutable" });
}
