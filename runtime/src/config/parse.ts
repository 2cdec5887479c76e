/**
 * Configuration parsing and validation (product.md §2), shared by the Node and Lambda entries.
 * Pure: takes a flat map of variables (already merged by precedence), returns a `Config` or throws
 * `ConfigError` naming every bad variable. Empty optional values mean unset; required secrets must
 * be non-empty (nothing fails open).
 */
import { TRENDING_LOCALE } from "../contract/validation.js";
import { VERSION } from "../contract/version.js";
import type { LogLevel } from "../ports/logger.js";
import type { Config, TrustProxy } from "./types.js";

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    // One problem, one line (what a start-up prints); several, a list.
    super(problems.length === 1 ? `Invalid configuration: ${problems[0]}` : `Invalid configuration:\n  - ${problems.join("\n  - ")}`);
  }
}

export type Shape = "embedded" | "aws";
type Vars = Record<string, string | undefined>;

const B64URL = /^[A-Za-z0-9_-]+$/;

export function parseConfig(vars: Vars, shape: Shape): Config {
  const problems: string[] = [];
  const opt = (name: string): string | null => {
    const v = vars[name]?.trim();
    return v ? v : null;
  };
  const req = (name: string): string => {
    const v = opt(name);
    if (v === null) problems.push(`${name} is required`);
    return v ?? "";
  };
  const int = (name: string, def: number, min: number, max: number): number => {
    const v = opt(name);
    if (v === null) return def;
    const n = Number(v);
    if (!/^-?\d+$/.test(v) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}`);
      return def;
    }
    return n;
  };
  const url = (name: string, def: string | null): string | null => {
    const v = opt(name) ?? def;
    if (v === null) return null;
    try {
      const u = new URL(v);
      if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error();
      return v.replace(/\/+$/, "");
    } catch {
      problems.push(`${name} must be an http(s) URL`);
      return def;
    }
  };
  const bool = (name: string): boolean => {
    const v = opt(name)?.toLowerCase();
    if (v === undefined || v === null) return false;
    if (["1", "true", "yes", "on"].includes(v)) return true;
    if (["0", "false", "no", "off"].includes(v)) return false;
    problems.push(`${name} must be true or false`);
    return false;
  };

  const baseUrlRaw = url("BASE_URL", null);
  let baseUrl: string | null = null;
  if (baseUrlRaw !== null) {
    const u = new URL(baseUrlRaw);
    if (u.pathname !== "/" || u.search || u.hash)
      problems.push("BASE_URL must be an origin such as https://stellarr.example.com (no path)");
    baseUrl = u.origin;
  }

  const trustProxy = parseTrustProxy(opt("TRUST_PROXY"), problems);

  const vapidPublic = opt("VAPID_PUBLIC_KEY");
  const vapidPrivate = opt("VAPID_PRIVATE_KEY");
  let vapid: Config["vapid"] = null;
  if ((vapidPublic === null) !== (vapidPrivate === null)) {
    problems.push("VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together");
  } else if (vapidPublic !== null && vapidPrivate !== null) {
    if (!B64URL.test(vapidPublic) || Buffer.from(vapidPublic, "base64url").length !== 65)
      problems.push("VAPID_PUBLIC_KEY must be a raw base64url P-256 point (65 bytes)");
    if (!B64URL.test(vapidPrivate) || Buffer.from(vapidPrivate, "base64url").length !== 32)
      problems.push("VAPID_PRIVATE_KEY must be a raw base64url P-256 scalar (32 bytes)");
    let subject = opt("VAPID_SUBJECT");
    if (subject === null) subject = baseUrl?.startsWith("https://") ? baseUrl : "mailto:admin@localhost";
    if (!/^(mailto:|https:)/.test(subject)) problems.push("VAPID_SUBJECT must start with mailto: or https:");
    vapid = { publicKey: vapidPublic, privateKey: vapidPrivate, subject };
  }

  // One switch for push endpoints and channels; the older name stays a synonym (either one set to true allows).
  const allowPrivate = bool("ALLOW_PRIVATE_ENDPOINTS") || bool("PUSH_ALLOW_PRIVATE_ENDPOINTS");
  // Parsed by the wiring (domain rules: wiring/channels.ts `householdNotify`), which refuses start-up on them.
  const notify = { urls: opt("NOTIFY_URLS"), webhookSecret: opt("NOTIFY_WEBHOOK_SECRET"), locale: opt("NOTIFY_LOCALE") };

  const locales = (opt("TRENDING_LOCALES") ?? "en,es,fr,de")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const l of locales) if (!TRENDING_LOCALE.test(l)) problems.push(`TRENDING_LOCALES: "${l}" is not a locale like en or pt-BR`);
  if (locales.length === 0) problems.push("TRENDING_LOCALES must name at least one locale");

  const logLevel = (opt("LOG_LEVEL") ?? "info") as LogLevel;
  if (!["debug", "info", "warn", "error"].includes(logLevel)) problems.push("LOG_LEVEL must be debug, info, warn or error");

  // WEBHOOK_TOKEN protects /webhook/* and /sync/*; PLEX_WEBHOOK_TOKEN is its older name. Two
  // different values would leave one of the operator's URLs failing: refuse rather than guess.
  const webhookTokenEnv = opt("WEBHOOK_TOKEN");
  const legacyWebhookToken = opt("PLEX_WEBHOOK_TOKEN");
  if (webhookTokenEnv !== null && legacyWebhookToken !== null && webhookTokenEnv !== legacyWebhookToken) {
    problems.push("WEBHOOK_TOKEN and PLEX_WEBHOOK_TOKEN (its older name) are both set, to different values: set only WEBHOOK_TOKEN");
  }

  const originVerifySecret = opt("ORIGIN_VERIFY_SECRET");
  if (shape === "aws" && originVerifySecret === null) problems.push("ORIGIN_VERIFY_SECRET is required on AWS");

  const config: Config = {
    port: int("PORT", 8080, 0, 65535),
    host: opt("HOST") ?? "127.0.0.1",
    dataDir: opt("DATA_DIR") ?? "./data",
    baseUrl,
    appSecretKey: req("APP_SECRET_KEY"),
    presharedPassword: req("PRESHARED_PASSWORD"),
    tmdbApiKey: opt("TMDB_API_KEY"),
    tmdbBaseUrl: url("TMDB_BASE_URL", "https://api.themoviedb.org/3")!,
    tvdbApiKey: opt("TVDB_API_KEY"),
    tvdbBaseUrl: url("TVDB_BASE_URL", "https://api4.thetvdb.com/v4")!,
    feedToken: opt("FEED_TOKEN"),
    webhookToken: webhookTokenEnv ?? legacyWebhookToken,
    plexServerName: opt("PLEX_SERVER_NAME"),
    jellyfinServerId: opt("JELLYFIN_SERVER_ID"),
    embyServerId: opt("EMBY_SERVER_ID"),
    vapid,
    pushAllowPrivateEndpoints: allowPrivate,
    notify,
    trustProxy,
    originVerifySecret,
    rateLimitMaxAttempts: int("RATE_LIMIT_MAX_ATTEMPTS", 5, 1, 1000),
    rateLimitWindowSeconds: int("RATE_LIMIT_WINDOW_SECONDS", 900, 1, 86_400),
    apiRateLimitPerMinute: int("API_RATE_LIMIT_PER_MINUTE", 300, 0, 100_000),
    requestTimeoutSeconds: int("REQUEST_TIMEOUT_SECONDS", 30, 1, 300),
    trendingLocales: [...new Set(locales)],
    appName: opt("APP_NAME") ?? "Stellarr",
    logLevel,
    version: VERSION,
  };
  if (config.appSecretKey && config.appSecretKey.length < 16) problems.push("APP_SECRET_KEY must be at least 16 characters");
  if (config.appName.length > 60) problems.push("APP_NAME must be at most 60 characters");
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function parseTrustProxy(raw: string | null, problems: string[]): TrustProxy {
  if (raw === null || raw === "none") return { mode: "none" };
  if (raw === "cloudfront") return { mode: "cloudfront" };
  const m = /^x-forwarded-for:(\d{1,2})$/.exec(raw);
  if (m && Number(m[1]) >= 1) return { mode: "x-forwarded-for", hops: Number(m[1]) };
  problems.push("TRUST_PROXY must be none, cloudfront or x-forwarded-for:N (N ≥ 1)");
  return { mode: "none" };
}
