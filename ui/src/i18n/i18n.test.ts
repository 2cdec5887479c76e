import { afterEach, describe, expect, it } from "vitest";
import en from "./messages/en.js";
import es from "./messages/es.js";
import fr from "./messages/fr.js";
import de from "./messages/de.js";
import { detectLocale, formatDate, LOCALES, setLocale, t } from "./index.js";

type Tree = { [key: string]: unknown };

/** Every leaf as [path, value]; a plural table counts as one leaf. */
function leaves(tree: Tree, prefix = ""): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix + key;
    if (typeof value === "string") return [[path, value]];
    if (value && typeof value === "object" && "other" in value) return [[path, value]];
    return leaves(value as Tree, `${path}.`);
  });
}

const catalogues = { en, es, fr, de } as Record<string, Tree>;

describe("catalogues", () => {
  const reference = new Map(leaves(en as unknown as Tree));

  it.each(LOCALES.filter((l) => l !== "en"))("%s has exactly the English keys", (locale) => {
    const keys = leaves(catalogues[locale]!).map(([path]) => path);
    expect(keys.filter((k) => !reference.has(k))).toEqual([]);
    expect([...reference.keys()].filter((k) => !keys.includes(k))).toEqual([]);
  });

  it.each(LOCALES)("%s gives every plural message each category its plural rules use", (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const [path, value] of leaves(catalogues[locale]!)) {
      if (typeof value === "string") continue;
      for (const category of categories) expect(value, `${locale} ${path} lacks "${category}"`).toHaveProperty(category);
    }
  });

  it.each(LOCALES)("%s keeps every placeholder of the English message", (locale) => {
    const placeholders = (v: unknown): string[] =>
      [...new Set((typeof v === "string" ? v : Object.values(v as object).join(" ")).match(/\{\w+\}/g) ?? [])].sort();
    for (const [path, value] of leaves(catalogues[locale]!)) {
      expect(placeholders(value), `${locale} ${path}`).toEqual(placeholders(reference.get(path)));
    }
  });
});

describe("t()", () => {
  afterEach(() => setLocale("en", { persist: false }));

  it("interpolates and picks the plural form of the current locale", async () => {
    expect(t("media.seasons", { count: 1 })).toBe("1 season");
    expect(t("media.seasons", { count: 12 })).toBe("12 seasons");
    await setLocale("fr", { persist: false });
    expect(t("media.seasons", { count: 1 })).toBe("1 saison");
    expect(t("media.seasons", { count: 2 })).toBe("2 saisons");
    expect(t("auth.welcome", { name: "Zoé" })).toBe("Bienvenue, Zoé !");
  });

  it("formats numbers in placeholders for the locale", async () => {
    await setLocale("de", { persist: false });
    expect(t("search.count", { count: 1234 })).toBe("1.234 Ergebnisse");
  });

  it("sets <html lang> and remembers the choice", async () => {
    await setLocale("es");
    expect(document.documentElement.lang).toBe("es");
    expect(localStorage.getItem("stellarr.locale")).toBe("es");
    localStorage.clear();
  });

  it("formats dates in the locale (not always en-US)", async () => {
    await setLocale("de", { persist: false });
    expect(formatDate("2026-03-04T10:00:00.000Z")).toMatch(/4\.\s?03\.\s?2026|04\.03\.2026/);
    expect(formatDate(null)).toBe("");
    expect(formatDate("not a date")).toBe("");
  });
});

describe("detectLocale", () => {
  it("prefers the stored choice, then the first supported browser language, else English", () => {
    expect(detectLocale("fr", ["de-DE"])).toBe("fr");
    expect(detectLocale(null, ["pt-BR", "de-AT", "en"])).toBe("de");
    expect(detectLocale("xx", ["ja"])).toBe("en");
  });
});
