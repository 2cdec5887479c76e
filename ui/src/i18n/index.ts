/**
 * A small i18n layer: precompiled catalogues (plain data), `{name}` interpolation, plural tables
 * selected by `Intl.PluralRules`, dates and numbers through `Intl`. English is bundled (fallback);
 * the other locales are lazy chunks loaded before they become current.
 */
import { ref, shallowReactive } from "vue";
import en from "./messages/en.js";
import type { Catalogue, MessageKey } from "./catalogue.js";
import type { Message, PluralMessage } from "./types.js";

export const LOCALES = ["en", "es", "fr", "de"] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

export const LOCALE_NAMES: Record<Locale, string> = { en: "English", es: "Español", fr: "Français", de: "Deutsch" };

const STORAGE_KEY = "stellarr.locale";

const loaders: Record<Exclude<Locale, "en">, () => Promise<{ default: Catalogue }>> = {
  es: () => import("./messages/es.js"),
  fr: () => import("./messages/fr.js"),
  de: () => import("./messages/de.js"),
};

const catalogues = shallowReactive<Partial<Record<Locale, Catalogue>>>({ en });
const current = ref<Locale>("en");

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/** The stored choice, else the first supported browser language (by primary subtag), else English. */
export function detectLocale(stored: string | null, languages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const language of languages) {
    const primary = language.toLowerCase().split("-")[0];
    if (isLocale(primary)) return primary;
  }
  return "en";
}

export function storedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export async function loadCatalogue(locale: Locale): Promise<Catalogue> {
  const loaded = catalogues[locale];
  if (loaded) return loaded;
  const catalogue = (await loaders[locale as Exclude<Locale, "en">]()).default;
  catalogues[locale] = catalogue;
  return catalogue;
}

/** Loads the locale's messages, then switches; `<html lang>` follows. */
export async function setLocale(locale: Locale, options: { persist?: boolean } = {}): Promise<void> {
  await loadCatalogue(locale);
  current.value = locale;
  if (typeof document !== "undefined") document.documentElement.lang = locale;
  if (options.persist !== false) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }
}

export const locale = (): Locale => current.value;
export const localeRef = current;

function lookup(catalogue: Catalogue | undefined, key: string): Message | undefined {
  let node: unknown = catalogue;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node === "string") return node;
  if (node !== null && typeof node === "object" && typeof (node as PluralMessage).other === "string") return node as PluralMessage;
  return undefined;
}

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(loc: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(loc);
  if (!rules) pluralRules.set(loc, (rules = new Intl.PluralRules(loc)));
  return rules.select(count);
}

export type Params = Record<string, string | number>;

/** Does the key exist in the current locale or the fallback? (For server error codes we don't know.) */
export function hasMessage(key: string): boolean {
  return lookup(catalogues[current.value], key) !== undefined || lookup(en, key) !== undefined;
}

/** Translate; reactive in templates because it reads the current locale. Unknown keys render as the key. */
export function t(key: MessageKey, params: Params = {}): string {
  const loc = current.value;
  let message = lookup(catalogues[loc], key);
  let messageLocale = loc;
  if (message === undefined) {
    message = lookup(en, key);
    messageLocale = "en";
  }
  if (message === undefined) return key;
  let text: string;
  if (typeof message === "string") text = message;
  else {
    const count = Number(params.count ?? 0);
    text = message[pluralCategory(messageLocale, count)] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(value) : value;
  });
}

// Building an Intl formatter costs far more than using one (a card grid formats a rating per card).
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, options: object | undefined, make: () => F): F {
  const key = `${kind}|${current.value}|${options ? JSON.stringify(options) : ""}`;
  let cached = formatters.get(key);
  if (!cached) formatters.set(key, (cached = make()));
  return cached as F;
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return formatter("n", options, () => new Intl.NumberFormat(current.value, options)).format(value);
}

/** A localised medium date for an ISO-8601 timestamp; empty for missing or invalid input. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return formatter("d", undefined, () => new Intl.DateTimeFormat(current.value, { dateStyle: "medium" })).format(date);
}
