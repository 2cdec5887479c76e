/**
 * Household channels (docs/notifications.md): `NOTIFY_URLS`, a comma-separated list of
 *
 *   ntfy://[token@]host[:port]/topic        ntfy over https
 *   ntfy+http://host[:port]/topic           ntfy over plain http (private addresses only; see isPlainHttp)
 *   discord://<id>/<token>                  a discord.com webhook
 *   https://discord.com/api/webhooks/…      the same, as Discord shows it
 *   https://…                               any other https URL: a signed webhook (NOTIFY_WEBHOOK_SECRET)
 *
 * plus `NOTIFY_WEBHOOK_SECRET` and `NOTIFY_LOCALE`. Pure: whether plain http or private addresses
 * are acceptable is the caller's decision (ALLOW_PRIVATE_ENDPOINTS, DNS); this returns the facts.
 * Problems name the variable and the entry's position, never the entry itself.
 */
import { DEFAULT_PUSH_LOCALE, PUSH_LOCALES, supportedLocale, type PushLocale } from "../push/locale.js";
import { channelFingerprint, type ChannelSpec } from "./channel.js";
import { discordFromParts, discordFromUrl, isDiscordHost, ntfyFromUrl, parseUrl, type Parsed } from "./channel-urls.js";

export const MIN_SECRET_LENGTH = 16;
export const MAX_SECRET_LENGTH = 256;
const MAX_ENTRIES = 20;

export interface HouseholdChannel {
  /** `household-<fingerprint>`: stable across restarts, so delivery claims and last_delivery survive them. */
  id: string;
  /** 1-based position in NOTIFY_URLS. */
  entry: number;
  spec: ChannelSpec;
}

export interface HouseholdNotify {
  channels: HouseholdChannel[];
  locale: PushLocale;
}

export type HouseholdVars = Partial<Record<"NOTIFY_URLS" | "NOTIFY_WEBHOOK_SECRET" | "NOTIFY_LOCALE", string | undefined>>;

export function parseHouseholdNotify(vars: HouseholdVars): { ok: true; value: HouseholdNotify } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const secret = vars.NOTIFY_WEBHOOK_SECRET?.trim() || null;
  if (secret !== null && !validSecret(secret)) {
    problems.push(`NOTIFY_WEBHOOK_SECRET must be ${MIN_SECRET_LENGTH}–${MAX_SECRET_LENGTH} printable characters`);
  }
  const localeText = vars.NOTIFY_LOCALE?.trim() || null;
  const locale = localeText === null ? DEFAULT_PUSH_LOCALE : supportedLocale(localeText);
  if (locale === null) problems.push(`NOTIFY_LOCALE must be one of ${PUSH_LOCALES.join(", ")}`);

  const entries = (vars.NOTIFY_URLS ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length > MAX_ENTRIES) problems.push(`NOTIFY_URLS has ${entries.length} entries; at most ${MAX_ENTRIES}`);

  const channels: HouseholdChannel[] = [];
  const seen = new Set<string>();
  entries.slice(0, MAX_ENTRIES).forEach((text, i) => {
    const entry = i + 1;
    const parsed = parseEntry(text, secret);
    if (!parsed.ok) return void problems.push(`NOTIFY_URLS entry ${entry}: ${parsed.reason}`);
    const id = `household-${channelFingerprint(parsed.value)}`;
    if (seen.has(id)) return void problems.push(`NOTIFY_URLS entry ${entry}: repeats an earlier entry`);
    seen.add(id);
    channels.push({ id, entry, spec: parsed.value });
  });

  if (channels.some((c) => c.spec.type === "webhook") && secret === null) {
    problems.push("NOTIFY_WEBHOOK_SECRET is required when NOTIFY_URLS has a webhook (https) entry");
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { channels, locale: locale ?? DEFAULT_PUSH_LOCALE } };
}

function parseEntry(text: string, secret: string | null): Parsed<ChannelSpec> {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  switch (scheme) {
    case "ntfy":
    case "ntfy+http": {
      const url = parseUrl(`${scheme === "ntfy" ? "https" : "http"}://${text.slice(scheme.length + 3)}`);
      if (!url || !url.hostname) return { ok: false, reason: `not a valid ${scheme}:// URL` };
      if (url.password) return { ok: false, reason: "only an access token may come before @ (ntfy://tk_…@host/topic)" };
      const token = url.username || null;
      url.username = "";
      return ntfyFromUrl(url, token);
    }
    case "discord": {
      const match = /^discord:\/\/([^/]+)\/([^/]+)$/i.exec(text);
      if (!match) return { ok: false, reason: "a discord:// entry is discord://<webhook id>/<webhook token>" };
      return discordFromParts("https://discord.com", match[1]!, match[2]!);
    }
    case "https": {
      const url = parseUrl(text);
      if (!url || !url.hostname) return { ok: false, reason: "not a valid https URL" };
      if (isDiscordHost(url) && url.pathname.startsWith("/api/webhooks/")) return discordFromUrl(url);
      if (url.username || url.password) return { ok: false, reason: "credentials are not allowed in a webhook URL" };
      if (url.hash) return { ok: false, reason: "a webhook URL has no fragment" };
      // The secret may be missing here; the caller's problem list says so once for all entries.
      return { ok: true, value: { type: "webhook", url: url.href, secret: secret ?? "" } };
    }
    default:
      return { ok: false, reason: "must start with ntfy://, ntfy+http://, discord:// or https://" };
  }
}

export function validSecret(secret: string): boolean {
  return secret.length >= MIN_SECRET_LENGTH && secret.length <= MAX_SECRET_LENGTH && /^[\x21-\x7e]+$/.test(secret);
}
