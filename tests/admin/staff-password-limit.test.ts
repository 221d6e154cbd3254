import { Auth } from "@auth/core";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { staffAuthConfig } from "@/auth.config";
import { PEER_FROM_SOCKET_ENV } from "@/lib/client-ip";
import { getDb } from "@/db";
import { STAFF_ATTEMPT_LIMITS, takeStaffSignInAttempt } from "@/lib/staff/attempt-limit";
import { createStaffUser, STAFF_PASSWORD } from "../helpers/staff";

// The admin's password sign-in, through Auth.js's real credentials endpoint: attempts are
// limited per email address, and per client IP when the IP is known; a refused attempt says so
// (code rate_limited), and even the right password waits; other addresses are not affected.
const ORIGIN = "http://localhost:3000";
const config = { ...staffAuthConfig(), secret: "test-auth-secret-0123456789-abcdefghijklmnop" };
const cookieHeader = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

afterEach(() => {
  delete process.env[PEER_FROM_SOCKET_ENV];
});

/** POST /api/auth/callback/credentials as the sign-in form does; the answer's error code, or "signed-in". */
async function signIn(email: string, password: string, ip = "203.0.113.7"): Promise<string> {
  const csrf = await Auth(new Request(`${ORIGIN}/api/auth/csrf`), config);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await Auth(new Request(`${ORIGIN}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(csrf), "x-forwarded-for": ip },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${ORIGIN}/admin` }),
  }), config);
  const location = new URL(res.headers.get("location") ?? "", ORIGIN);
  return location.searchParams.get("code") ?? (location.searchParams.get("error") || "signed-in");
}

describe("staff password sign-in attempt limit", () => {
  it("refuses an address after 10 attempts, the right password included; another address still signs in", async () => {
    const user = await createStaffUser(null);
    const other = await createStaffUser(null);
    expect(STAFF_ATTEMPT_LIMITS.email.capacity).toBe(10);
    for (let i = 0; i < 10; i++) expect(await signIn(user.email, `wrong-${i}`)).toBe("credentials");
    expect(await signIn(user.email, "wrong-again")).toBe("rate_limited");
    expect(await signIn(user.email.toUpperCase(), STAFF_PASSWORD)).toBe("rate_limited");
    expect(await signIn(other.email, STAFF_PASSWORD)).toBe("signed-in");
  });

  it("counts unknown addresses the same, and by client IP when the IP is the socket's (server.ts)", async () => {
    process.env[PEER_FROM_SOCKET_ENV] = "1";
    const ip = `198.51.100.${Number.parseInt(randomBytes(1).toString("hex"), 16) % 250}`;
    // 29 attempts as the limit counts them (each would be a wrong guess), then one through Auth.js.
    const headers = new Headers({ "x-forwarded-for": ip });
    for (let i = 1; i < STAFF_ATTEMPT_LIMITS.ip.capacity; i++) expect(await takeStaffSignInAttempt(getDb(), { email: `nobody-${i}-${randomBytes(3).toString("hex")}@staff.example`, headers })).toEqual({ ok: true });
    expect(await signIn(`nobody-${randomBytes(3).toString("hex")}@staff.example`, "guess", ip)).toBe("credentials");
    const user = await createStaffUser(null);
    expect(await signIn(user.email, STAFF_PASSWORD, ip)).toBe("rate_limited");
    expect(await signIn(user.email, STAFF_PASSWORD, "192.0.2.44")).toBe("signed-in");
  });
});
