/** Household channels from the configuration, for both shapes (the embedded server and the AWS notifier). */
import { ConfigError } from "../config/parse.js";
import type { Config } from "../config/types.js";
import { parseHouseholdNotify, type HouseholdNotify } from "../domain/notify/household.js";

/**
 * The household channels of the configuration (`NOTIFY_URLS`, `NOTIFY_WEBHOOK_SECRET`,
 * `NOTIFY_LOCALE`); throws `ConfigError` naming the variable (and the entry's position, never the
 * entry) so start-up is refused like for any other bad setting.
 */
export function householdNotify(config: Pick<Config, "notify" | "pushAllowPrivateEndpoints">): HouseholdNotify {
  const parsed = parseHouseholdNotify({
    NOTIFY_URLS: config.notify.urls ?? undefined,
    NOTIFY_WEBHOOK_SECRET: config.notify.webhookSecret ?? undefined,
    NOTIFY_LOCALE: config.notify.locale ?? undefined,
  });
  if (!parsed.ok) throw new ConfigError(parsed.problems);
  // Plain http is for a LAN ntfy server only: pointless (and refused at send) without the switch.
  if (!config.pushAllowPrivateEndpoints && parsed.value.channels.some((c) => c.spec.type === "ntfy" && c.spec.server.startsWith("http:"))) {
    throw new ConfigError([
      "NOTIFY_URLS: an ntfy+http:// entry needs ALLOW_PRIVATE_ENDPOINTS=true (plain http reaches private addresses only)",
    ]);
  }
  return parsed.value;
}
