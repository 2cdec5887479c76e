/** The validated configuration (product.md §2). Produced by `config/load.ts` (Node) or `config/aws.ts` (Lambda). */
import type { LogLevel } from "../ports/logger.js";

export type TrustProxy = { mode: "none" } | { mode: "cloudfront" } | { mode: "x-forwarded-for"; hops: number };

export interface Config {
  port: number;
  host: string;
  /** Absolute path. */
  dataDir: string;
  /** Public origin, e.g. `https://stellarr.example.com` (no trailing slash), or null: the request's own origin. */
  baseUrl: string | null;
  appSecretKey: string;
  presharedPassword: string;
  tmdbApiKey: string | null;
  tmdbBaseUrl: string;
  tvdbApiKey: string | null;
  tvdbBaseUrl: string;
  feedToken: string | null;
  /** `WEBHOOK_TOKEN` (or its older name `PLEX_WEBHOOK_TOKEN`): protects `/webhook/*` and `/sync/*`. */
  webhookToken: string | null;
  plexServerName: string | null;
  /** Only this Jellyfin server's webhooks count (null: any). */
  jellyfinServerId: string | null;
  /** Only this Emby server's webhooks count (null: any). */
  embyServerId: string | null;
  vapid: { publicKey: string; privateKey: string; subject: string } | null;
  /**
   * `ALLOW_PRIVATE_ENDPOINTS` (synonym `PUSH_ALLOW_PRIVATE_ENDPOINTS`): push endpoints and
   * notification channels may be on private addresses. The name predates channels.
   */
  pushAllowPrivateEndpoints: boolean;
  /**
   * Household channels as configured (`NOTIFY_URLS`, `NOTIFY_WEBHOOK_SECRET`, `NOTIFY_LOCALE`):
   * raw text, parsed and validated by the wiring (`householdNotify`), which refuses start-up.
   */
  notify: { urls: string | null; webhookSecret: string | null; locale: string | null };
  trustProxy: TrustProxy;
  originVerifySecret: string | null;
  rateLimitMaxAttempts: number;
  rateLimitWindowSeconds: number;
  apiRateLimitPerMinute: number;
  /** Embedded server: how long a request's outbound calls may take in all (Lambda uses the invocation's remaining time). */
  requestTimeoutSeconds: number;
  trendingLocales: string[];
  appName: string;
  logLevel: LogLevel;
  version: string;
}
