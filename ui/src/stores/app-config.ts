/**
 * Runtime settings from `/config.json` (app name, trending locales, catalogue mode, version).
 * The last good copy is kept so the offline shell still boots; defaults cover a first offline start.
 */
import { shallowRef } from "vue";
import { fetchConfig } from "@/api/index.js";
import type { AppConfig } from "@/api/types.js";
import { readJson, writeJson } from "./storage.js";

const KEY = "stellarr.config";

// The server's own default TRENDING_LOCALES; a missing file falls back to English anyway.
export const DEFAULT_CONFIG: AppConfig = { app_name: "Stellarr", locales: ["en", "es", "fr", "de"], catalogue: "tmdb", version: "" };

export const appConfig = shallowRef<AppConfig>(DEFAULT_CONFIG);

function sanitize(value: Partial<AppConfig> | null): AppConfig | null {
  if (!value || typeof value !== "object") return null;
  return {
    app_name: typeof value.app_name === "string" && value.app_name.trim() ? value.app_name : DEFAULT_CONFIG.app_name,
    locales:
      Array.isArray(value.locales) && value.locales.every((l) => typeof l === "string") && value.locales.length > 0
        ? value.locales
        : DEFAULT_CONFIG.locales,
    catalogue: value.catalogue === "demo" ? "demo" : "tmdb",
    version: typeof value.version === "string" ? value.version : "",
  };
}

// Settles when the current `loadAppConfig()` has (nothing to wait for before the first load starts).
let loaded: Promise<unknown> = Promise.resolve();

/** Waits for the config load in progress, e.g. before choosing the trending file's locale. */
export const appConfigLoaded = (): Promise<void> => loaded.then(() => undefined);

/** The last good copy, synchronously: the shell can render with the right name before `/config.json` answers. */
export function restoreAppConfig(): void {
  appConfig.value = sanitize(readJson<AppConfig>(KEY)) ?? DEFAULT_CONFIG;
}

export function loadAppConfig(fetcher: () => Promise<AppConfig> = fetchConfig): Promise<AppConfig> {
  const result = fetchAppConfig(fetcher);
  loaded = result.catch(() => {});
  return result;
}

async function fetchAppConfig(fetcher: () => Promise<AppConfig>): Promise<AppConfig> {
  try {
    const fresh = sanitize(await fetcher());
    if (fresh) {
      appConfig.value = fresh;
      writeJson(KEY, fresh);
      return fresh;
    }
  } catch {
    // Offline or the server is down: fall through to the cached copy.
  }
  appConfig.value = sanitize(readJson<AppConfig>(KEY)) ?? DEFAULT_CONFIG;
  return appConfig.value;
}

/** The trending file locale for a UI locale: the same language when the server produces it, else its first locale. */
export function trendingLocale(uiLocale: string, locales: readonly string[] = appConfig.value.locales): string {
  if (locales.includes(uiLocale)) return uiLocale;
  const regional = locales.find((l) => l.split("-")[0] === uiLocale);
  return regional ?? "en";
}
