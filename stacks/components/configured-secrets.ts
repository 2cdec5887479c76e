/**
 * The secrets the operator configured, as `VAR → value` (product.md §2 names), the same for both targets:
 * Docker passes them as container environment, AWS writes them into the one Secrets Manager secret.
 * Tokens and keys the stack may generate (feed and webhook tokens, VAPID keys) are added by each target.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AppSettings } from "../settings.js";
import { checkHouseholdNotify } from "./notify.js";
import { presentSecrets } from "./tokens.js";
import { checkedVapidPair, type VapidKeys } from "./vapid.js";

/** Set (non-empty) configured secrets; secret. Fails the deployment when the household channels are invalid. */
export function configuredSecrets(app: AppSettings): pulumi.Output<Record<string, string>> {
  const s = app.secrets;
  return presentSecrets({
    PRESHARED_PASSWORD: s.presharedPassword,
    TMDB_API_KEY: s.tmdbApiKey,
    TVDB_API_KEY: s.tvdbApiKey,
    NOTIFY_URLS: s.notifyUrls,
    NOTIFY_WEBHOOK_SECRET: s.notifyWebhookSecret,
  }).apply((configured) => {
    checkHouseholdNotify({ ...configured, ...(app.notifyLocale !== undefined ? { NOTIFY_LOCALE: app.notifyLocale } : {}) });
    return configured;
  });
}

/**
 * The configured VAPID pair, checked (a private key without the public one fails here: the program sees
 * only the public key before deploying); undefined when neither is set, and the target generates a pair. Secret.
 */
export function configuredVapid(app: AppSettings): pulumi.Output<VapidKeys | undefined> {
  return pulumi.secret(
    pulumi.output(app.secrets.vapidPrivateKey ?? "").apply((privateKey) => checkedVapidPair(app.vapidPublicKey, privateKey)),
  );
}
