import { notFound } from "next/navigation";
import { ApiError } from "@/lib/api/errors";
import { isUuid } from "@/lib/uuid";

// The detail pages' read: a malformed id or a record of another organization (the lib's
// get…OrThrow is tenant-scoped) is the page's 404, whatever the reason.
export async function foundOr404<T>(id: string, read: () => Promise<T>): Promise<T> {
  if (!isUuid(id)) notFound();
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

/** A page's search parameters, as the list schemas take them (the first value of each). */
export function searchValues(sp: Record<string, string | string[] | undefined>, names: readonly string[]): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const name of names) {
    const v = sp[name];
    const s = Array.isArray(v) ? v[0] : v;
    values[name] = s === undefined || s.trim() === "" ? undefined : s;
  }
  return values;
}
