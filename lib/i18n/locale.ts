// The two locales Ciclo speaks, and which one a person gets: their own preference, else the
// browser's (Accept-Language), else the tenant's default.
export const LOCALES = ["pt-BR", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const isLocale = (v: unknown): v is Locale => typeof v === "string" && (LOCALES as readonly string[]).includes(v);

/** The best supported locale in an Accept-Language header, or null. */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: (tag ?? "").toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("pt")) return "pt-BR";
    if (tag.startsWith("en")) return "en";
  }
  return null;
}

export function resolveLocale(options: { preference?: string | null; acceptLanguage?: string | null; tenantDefault: string }): Locale {
  if (isLocale(options.preference)) return options.preference;
  return fromAcceptLanguage(options.acceptLanguage) ?? (isLocale(options.tenantDefault) ? options.tenantDefault : "pt-BR");
}
