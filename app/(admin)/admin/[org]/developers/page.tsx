import { redirect } from "next/navigation";

export default async function DevelopersIndex({ params }: { params: Promise<{ org: string }> }) {
  redirect(`/admin/${(await params).org}/developers/api-keys`);
}
