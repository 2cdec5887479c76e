/**
 * Non-secret runtime environment shared by both targets (product.md §2 variable names).
 * Secrets never go through here: Docker passes them as a separate secret env list, AWS keeps them
 * in Secrets Manager.
 */
import * as pulumi from "@pulumi/pulumi";
import { FEED_PATHS, SECRET_VARIABLES, feedUrl, syncUrl, webhookUrl } from "@stellarr/runtime/contract";
import type { AppSettings } from "../settings.js";

export function runtimeEnv(app: AppSettings, extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {
    APP_NAME: app.appName,
    TRENDING_LOCALES: app.trendingLocales.join(","),
    LOG_LEVEL: app.logLevel,
  };
  if (app.plexServerName !== undefined) env.PLEX_SERVER_NAME = app.plexServerName;
  if (app.jellyfinServerId !== undefined) env.JELLYFIN_SERVER_ID = app.jellyfinServerId;
  if (app.embyServerId !== undefined) env.EMBY_SERVER_ID = app.embyServerId;
  if (app.notifyLocale !== undefined) env.NOTIFY_LOCALE = app.notifyLocale;
  // Off is the runtime's default: only the deliberate choice is written.
  if (app.allowPrivateEndpoints) env.ALLOW_PRIVATE_ENDPOINTS = "true";
  if (app.rateLimitMaxAttempts !== undefined) env.RATE_LIMIT_MAX_ATTEMPTS = String(app.rateLimitMaxAttempts);
  if (app.rateLimitWindowSeconds !== undefined) env.RATE_LIMIT_WINDOW_SECONDS = String(app.rateLimitWindowSeconds);
  if (app.apiRateLimitPerMinute !== undefined) env.API_RATE_LIMIT_PER_MINUTE = String(app.apiRateLimitPerMinute);
  return { ...env, ...extra };
}

/** `KEY=value` lines (Docker's env list), sorted for stable diffs. */
export function toEnvList(env: Record<string, string>): string[] {
  return Object.keys(env)
    .sort()
    .map((k) => `${k}=${env[k]}`);
}

/** Names of variables that hold secrets: these must never appear in a plain env map or image (one list, the runtime's). */
export { SECRET_VARIABLES };

export interface PublicUrls {
  feedUrls: { radarr: string; radarrTmdb: string; sonarr: string };
  webhookUrl: string;
  syncUrl: string;
}

/** The URLs users paste into Radarr, Sonarr and Plex (product.md §5–§6); they carry tokens. */
export function publicUrls(siteUrl: string, feedToken: string, webhookToken: string): PublicUrls {
  const feed = (path: string) => feedUrl(siteUrl, path, feedToken);
  return {
    feedUrls: { radarr: feed(FEED_PATHS.radarr), radarrTmdb: feed(FEED_PATHS.radarr_tmdb), sonarr: feed(FEED_PATHS.sonarr) },
    webhookUrl: webhookUrl(siteUrl, webhookToken),
    syncUrl: syncUrl(siteUrl, webhookToken),
  };
}

/**
 * The *Full URL*s of Radarr's and Sonarr's instance lists (issue #22). They carry no token — the feed token
 * is their API key, sent as a header — so they are plain outputs.
 */
export function arrUrls(siteUrl: string): { radarr: string; sonarr: string } {
  const base = siteUrl.replace(/\/+$/, "");
  return { radarr: `${base}/arr/radarr`, sonarr: `${base}/arr/sonarr` };
}

/** The stack outputs both targets export: the site URL in clear, the token-carrying URLs as secrets. */
export function endpointOutputs(
  siteUrl: pulumi.Output<string>,
  tokens: { feedToken: pulumi.Output<string>; webhookToken: pulumi.Output<string> },
) {
  const urls = pulumi.secret(pulumi.all([siteUrl, tokens.feedToken, tokens.webhookToken]).apply(([u, f, w]) => publicUrls(u, f, w)));
  return {
    siteUrl,
    arrUrls: siteUrl.apply(arrUrls),
    feedUrls: pulumi.secret(urls.apply((u) => u.feedUrls)),
    webhookUrl: pulumi.secret(urls.apply((u) => u.webhookUrl)),
    syncUrl: pulumi.secret(urls.apply((u) => u.syncUrl)),
  };
}
