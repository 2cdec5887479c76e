import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, subscriptionLocale, supportedLocale } from "../../../src/domain/push/locale.js";

describe("locales", () => {
  it("maps tags to the four supported languages", () => {
    expect(supportedLocale("fr-CA")).toBe("fr");
    expect(supportedLocale("DE")).toBe("de");
    expect(supportedLocale("es_MX")).toBe("es");
    expect(supportedLocale("it")).toBeNull();
    expect(supportedLocale("")).toBeNull();
    expect(supportedLocale("en-US; drop table")).toBeNull();
  });

  it("takes the first supported Accept-Language entry by preference", () => {
    expect(localeFromAcceptLanguage("it-IT,it;q=0.9,fr;q=0.8,en;q=0.7")).toBe("fr");
    expect(localeFromAcceptLanguage("en;q=0.5, de-AT;q=0.9")).toBe("de");
    expect(localeFromAcceptLanguage("es;q=0, fr")).toBe("fr");
    expect(localeFromAcceptLanguage("pt-BR")).toBeNull();
    expect(localeFromAcceptLanguage(null)).toBeNull();
  });

  it("prefers the body locale, then Accept-Language, then en", () => {
    expect(subscriptionLocale("de-DE", "fr")).toBe("de");
    expect(subscriptionLocale(undefined, "fr-FR,en;q=0.5")).toBe("fr");
    expect(subscriptionLocale("it", "es")).toBe("es");
    expect(subscriptionLocale(undefined, null)).toBe("en");
  });
});
