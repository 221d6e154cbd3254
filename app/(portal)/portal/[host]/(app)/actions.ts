"use server";

import { refresh } from "next/cache";
import { getDb } from "@/db";
import type { LocaleFormState } from "@/components/portal/shell/locale-switcher";
import { setPortalUserLocale } from "@/lib/portal/locale-preference";
import { requirePortalViewer } from "../viewer";

// The shell's language switcher: the signed-in user's own preference, nothing else.
export async function setLocaleAction(host: unknown, _previous: LocaleFormState, form: FormData): Promise<LocaleFormState> {
  if (typeof host !== "string") return { status: "failed" };
  const viewer = await requirePortalViewer(Promise.resolve({ host }));
  const saved = await setPortalUserLocale(getDb(), { organizationId: viewer.tenant.id, portalUserId: viewer.user.id }, form.get("locale"));
  if (!saved) return { status: "failed" };
  refresh();
  return { status: "saved" };
}
