/**
 * Notification channels (docs/notifications.md): where a fulfilment is announced besides web push.
 * A spec holds everything a sender needs, including its secrets (ntfy token, Discord webhook
 * token inside the URL, webhook signing secret), so it is never logged or returned by the API:
 * `describeChannel` is the only view of a channel meant for people.
 */
import { createHash } from "node:crypto";

export const CHANNEL_TYPES = ["ntfy", "discord", "webhook"] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export interface NtfyChannel {
  type: "ntfy";
  /** The server root the JSON message is posted to, with a trailing slash: `https://ntfy.example/`. */
  server: string;
  /** 1–64 of `A-Z a-z 0-9 _ -` (ntfy's topic rule). */
  topic: string;
  /** Access token (`tk_…`), sent as `Authorization: Bearer`. */
  token: string | null;
}

export interface DiscordChannel {
  type: "discord";
  /** `https://<host>/api/webhooks/<id>/<token>`, no query. */
  url: string;
}

export interface WebhookChannel {
  type: "webhook";
  url: string;
  /** HMAC-SHA256 key of `X-Stellarr-Signature`, ≥ 16 characters. */
  secret: string;
}

export type ChannelSpec = NtfyChannel | DiscordChannel | WebhookChannel;

/** The URL a channel's messages are posted to (what the SSRF guard checks). */
export function channelTarget(spec: ChannelSpec): string {
  return spec.type === "ntfy" ? spec.server : spec.url;
}

/** Plain http: only a household ntfy server on a private address may be reached that way. */
export function isPlainHttp(spec: ChannelSpec): boolean {
  return channelTarget(spec).startsWith("http:");
}

/** The values that must never appear in an error, a log line or an API answer. */
export function channelSecrets(spec: ChannelSpec): string[] {
  if (spec.type === "ntfy") return [spec.token, spec.topic].filter((s): s is string => !!s);
  const url = new URL(spec.url);
  const segments = url.pathname.split("/").filter((s) => s !== "" && s !== "api" && s !== "webhooks");
  const query = [url.search.slice(1), ...[...url.searchParams].flatMap(([k, v]) => [`${k}=${v}`, v])];
  return [...(spec.type === "webhook" ? [spec.secret] : []), `${url.pathname}${url.search}`, url.pathname, ...segments, ...query];
}

export interface ChannelDescription {
  type: ChannelType;
  /** Host (and port when not the default). */
  host: string;
  /** `<host>/…<4 hex>`: tells two channels on one host apart without revealing any part of them. */
  masked: string;
}

/**
 * What the API lists and logs show of a channel: the host and a masked tail. The tail is a short
 * fingerprint of the whole spec, so no character of a topic, webhook path, token or secret leaks.
 */
export function describeChannel(spec: ChannelSpec): ChannelDescription {
  const host = new URL(channelTarget(spec)).host;
  return { type: spec.type, host, masked: `${host}/…${channelFingerprint(spec).slice(0, 4)}` };
}

/** A stable id for a channel spec (household channels have no store id). */
export function channelFingerprint(spec: ChannelSpec): string {
  const parts =
    spec.type === "ntfy" ? [spec.server, spec.topic, spec.token ?? ""] : spec.type === "discord" ? [spec.url] : [spec.url, spec.secret];
  return createHash("sha256")
    .update([spec.type, ...parts].join("\n"), "utf8")
    .digest("hex")
    .slice(0, 16);
}

/**
 * Removes every secret of the channel (and any URL) from a text meant for a log line or for
 * `last_delivery.error`, and keeps it short.
 */
export function redactForChannel(text: string, spec: ChannelSpec, max = 160): string {
  let out = text.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>");
  // Longest first, so a path is removed whole before its segments are; 1–2 characters say nothing.
  for (const secret of channelSecrets(spec)
    .filter((s) => s.length >= 3)
    .sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join("…");
  }
  out = out.replace(/\s+/g, " ").trim();
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/** A spec as the store keeps it (`PersonalChannelRecord.spec`). */
export const serializeSpec = (spec: ChannelSpec): string => JSON.stringify(spec);

/** A stored spec back, or null when the text is not one (a corrupt row is skipped, not sent to). */
export function parseStoredSpec(text: string): ChannelSpec | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const str = (k: string) => typeof v[k] === "string";
  if (v.type === "ntfy" && str("server") && str("topic") && (v.token === null || str("token")))
    return { type: "ntfy", server: v.server as string, topic: v.topic as string, token: (v.token as string | null) ?? null };
  if (v.type === "discord" && str("url")) return { type: "discord", url: v.url as string };
  if (v.type === "webhook" && str("url") && str("secret")) return { type: "webhook", url: v.url as string, secret: v.secret as string };
  return null;
}
