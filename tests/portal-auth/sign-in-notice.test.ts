import { describe, expect, it } from "vitest";
import { signInNotice } from "@/app/(portal)/portal/[host]/(auth)/sign-in/notice";
import { authMessages } from "@/lib/i18n/messages/auth";
import { ssoMessages } from "@/lib/i18n/messages/sso";

// The sign-in page's `?error=` notice: the value comes from the address bar, so it must always
// be one of our strings (an object or a function there makes React fail the whole page: a 500).
describe("sign-in notice (?error=)", () => {
  const en = authMessages.en;

  it("shows the notices we link to", () => {
    expect(signInNotice({}, "en")).toBeNull();
    expect(signInNotice({ error: "expired" }, "en")).toBe(en.linkErrors.expired);
    expect(signInNotice({ error: "signed_out" }, "pt-BR")).toBe(authMessages["pt-BR"].linkErrors.signed_out);
    expect(signInNotice({ error: "sso_no_account" }, "en")).toBe(ssoMessages.en.notices.sso_no_account);
    expect(signInNotice({ error: ["expired", "used"] }, "en")).toBeNull();
  });

  it("says how long to wait, 1 to 1440 minutes, whatever ?minutes= says", () => {
    expect(signInNotice({ error: "rate_limited", minutes: "7" }, "en")).toBe(en.signIn.rateLimited(7));
    for (const minutes of [undefined, "", "abc", "0", "-5"]) expect(signInNotice({ error: "rate_limited", minutes }, "en")).toBe(en.signIn.rateLimited(1));
    expect(signInNotice({ error: "rate_limited", minutes: "99999999" }, "en")).toBe(en.signIn.rateLimited(1440));
  });

  it("answers an unknown or inherited key with the generic notice, always a string", () => {
    for (const error of ["nope", "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
      const notice = signInNotice({ error }, "en");
      expect(typeof notice, error).toBe("string");
      expect(notice, error).toBe(en.linkErrors.invalid);
    }
  });
});
