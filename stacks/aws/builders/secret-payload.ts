/** The JSON the runtime reads from Secrets Manager (product.md §2 variable names), pure. */

export interface SecretPayloadInput {
  /** Configured secrets that are set (non-empty): PRESHARED_PASSWORD, TMDB_API_KEY, TVDB_API_KEY, NOTIFY_URLS, NOTIFY_WEBHOOK_SECRET. */
  configured: Record<string, string>;
  appSecretKey: string;
  originVerifySecret: string;
  feedToken: string;
  /** Written as WEBHOOK_TOKEN only: PLEX_WEBHOOK_TOKEN is the runtime's synonym, and both with different values refuse start-up. */
  webhookToken: string;
  vapid: { publicKey: string; privateKey: string };
  baseUrl: string;
}

/** Config keys of the secrets AWS requires (nothing fails open). */
const REQUIRED: Record<string, string> = { PRESHARED_PASSWORD: "stellarr:presharedPassword", TMDB_API_KEY: "stellarr:tmdbApiKey" };

export function secretPayload(i: SecretPayloadInput): string {
  for (const [variable, key] of Object.entries(REQUIRED)) {
    if (!i.configured[variable]?.trim())
      throw new Error(`${key} must not be empty (pulumi config set --secret ${key.split(":")[1]} <value>)`);
  }
  if (!/^https:\/\/[^/]+$/.test(i.baseUrl)) throw new Error(`BASE_URL must be an https origin, got ${i.baseUrl}`);
  return JSON.stringify({
    ...i.configured,
    APP_SECRET_KEY: i.appSecretKey,
    ORIGIN_VERIFY_SECRET: i.originVerifySecret,
    FEED_TOKEN: i.feedToken,
    WEBHOOK_TOKEN: i.webhookToken,
    VAPID_PUBLIC_KEY: i.vapid.publicKey,
    VAPID_PRIVATE_KEY: i.vapid.privateKey,
    BASE_URL: i.baseUrl,
  });
}
