// The portal's home page. Placeholder until the portal launches: who it belongs to, nothing more.
import { PortalHome } from "@/components/portal/portal-home";
import { requirePortalTenant } from "./tenant";

export const dynamic = "force-dynamic";

export default async function PortalHomePage({ params }: { params: Promise<{ host: string }> }) {
  const tenant = await requirePortalTenant(params);
  return <PortalHome organizationName={tenant.name} />;
}
