/** Where to go after signing in: a path inside the admin area, else the admin's home (no open redirects). */
export function safeAdminPath(value: FormDataEntryValue | string | null | undefined): string {
  const path = typeof value === "string" ? value : "";
  return /^\/admin(\/[A-Za-z0-9._~\-/]*)?$/.test(path) && !path.includes("//") ? path : "/admin";
}
