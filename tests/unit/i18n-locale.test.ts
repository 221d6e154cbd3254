import { describe, expect, it } from "vitest";
import { fromAcceptLanguage, resolveLocale } from "@/lib/i18n/locale";

describe("locale resolution", () => {
  it("prefers the person's choice, then the browser's, then the tenant's", () => {
    expect(resolveLocale({ preference: "en", acceptLanguage: "pt-BR", tenantDefault: "pt-BR" })).toBe("en");
    expect(resolveLocale({ preference: null, acceptLanguage: "en-US,en;q=0.9", tenantDefault: "pt-BR" })).toBe("en");
    expect(resolveLocale({ preference: null, acceptLanguage: "fr-FR", tenantDefault: "en" })).toBe("en");
    expect(resolveLocale({ preference: "de", acceptLanguage: null, tenantDefault: "pt-BR" })).toBe("pt-BR");
  });

  it("reads Accept-Language by quality", () => {
    expect(fromAcceptLanguage("en;q=0.5, pt-PT;q=0.8")).toBe("pt-BR");
    expect(fromAcceptLanguage("fr, de;q=0.9")).toBeNull();
    expect(fromAcceptLanguage("en;q=0")).toBeNull();
  });
});
