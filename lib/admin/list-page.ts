import { notFound } from "next/navigation";
import { ApiError } from "@/lib/api/errors";
import { isUuid } from "@/lib/uuid";

// The admin's lists take `?cursor=` from the URL: a mangled one is a bad link, not a server
// fault. The read answers null and the page says BAD_PAGE_LINK instead of failing.
export const BAD_PAGE_LINK = "This page link is not valid: go back to the first page.";

/** The list, or null when its cursor was refused (any other error still throws). */
export async function unlessBadCursor<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiError && error.param === "cursor") return null;
    throw error;
  }
}

type Search = Record<string, string | string[] | undefined>;

/** One search parameter as a string (the first when repeated); blank is absent. */
export function searchParam(sp: Search, name: string): string | undefined {
  const v = sp[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === "" ? undefined : s;
}

/** The named search parameters, as a list's query schema takes them (absent ones undefined). */
export function queryValues<N extends string>(sp: Search, names: readonly N[]): Record<N, string | undefined> {
  return Object.fromEntries(names.map((name) => [name, searchParam(sp, name)])) as Record<N, string | undefined>;
}

/** A detail page's record by the id in its URL, or null for an id that is not a UUID or not this organization's (the reads are tenant-scoped). */
export async function rowOrNull<T>(id: string, read: (id: string) => Promise<T>): Promise<T | null> {
  if (!isUuid(id)) return null;
  try {
    return await read(id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The same, where a missing record is the page's 404. */
export async function foundOr404<T>(id: string, read: (id: string) => Promise<T>): Promise<T> {
  return (await rowOrNull(id, read)) ?? notFound();
}
