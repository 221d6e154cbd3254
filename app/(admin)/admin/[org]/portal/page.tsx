import { redirect } from "next/navigation";

// /admin/<org>/portal — the first settings page.
export default async function PortalSettingsIndex({ params }: { params: Promise<{ org: string }> }) {
  redirect(`/admin/${(await params).org}/portal/branding`);
}
