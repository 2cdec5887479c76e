/** Notification locales (product.md §7): en, es, fr, de; everything else falls back to en. */
export const PUSH_LOCALES = ["en", "es", "fr", "de"] as const;
export type PushLocale = (typeof PUSH_LOCALES)[number];
export const DEFAULT_PUSH_LOCALE: PushLocale = "en";

/** "fr", "fr-CA", "FR_ca" → "fr"; null when the language is not one we translate. */
export function supportedLocale(tag: string | null | undefined): PushLocale | null {
  if (!tag) return null;
  const lang = /^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$/.exec(tag)?.[1]?.toLowerCase();
  return (PUSH_LOCALES as readonly string[]).includes(lang ?? "") ? (lang as PushLocale) : null;
}

/** The first supported language of an `Accept-Language` header, in the client's preference (q) order. */
export function localeFromAcceptLanguage(header: string | null | undefined): PushLocale | null {
  if (!header) return null;
  const ranked = header
    .slice(0, 512)
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((e) => e.q > 0 && Number.isFinite(e.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = supportedLocale(tag);
    if (locale) return locale;
  }
  return null;
}

/** Body `locale` (the UI always sends it), else `Accept-Language`, else en. */
export function subscriptionLocale(bodyLocale: string | undefined, acceptLanguage: string | null): PushLocale {
  return supportedLocale(bodyLocale) ?? localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_PUSH_LOCALE;
}
