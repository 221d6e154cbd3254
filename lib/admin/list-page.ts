import { ApiError } from "@/lib/api/errors";

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
