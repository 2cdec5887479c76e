/**
 * The URL rules the household list (`NOTIFY_URLS`) and personal channels share. Each returns the
 * spec or a short reason that never contains the URL's path, a token or a secret, so callers can
 * put it in an error message as is.
 */
import type { DiscordChannel, NtfyChannel } from "./channel.js";

/** `field` names the input at fault when it is not the URL. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; field?: "token" };

/** ntfy's topic rule (server.go `topicRegex`). */
export const NTFY_TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
/** ntfy access tokens: `tk_` + 29 characters, 32 in all (user/manager.go `tokenPrefix`, `tokenLength`). */
export const NTFY_TOKEN = /^tk_[A-Za-z0-9]{29}$/;
/** Topics the ntfy server reserves for its own pages (server/config.go `DefaultDisallowedTopics`). */
export const NTFY_RESERVED_TOPICS: readonly string[] = [
  "docs",
  "static",
  "file",
  "app",
  "metrics",
  "account",
  "settings",
  "signup",
  "login",
  "v1",
];

const DISCORD_ID = /^\d{17,20}$/;
const DISCORD_TOKEN = /^[A-Za-z0-9_-]{1,100}$/;
/** Hosts that serve Discord's own API (the household list recognises its webhooks by host). */
export const DISCORD_HOSTS: readonly string[] = ["discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com"];
export const MAX_URL_LENGTH = 2048;

/** `<server>/<topic>` (an optional path prefix before the topic is kept, for servers behind a proxy path). */
export function ntfyFromUrl(url: URL, token: string | null): Parsed<NtfyChannel> {
  if (url.search || url.hash) return { ok: false, reason: "an ntfy URL has no query or fragment" };
  if (url.username || url.password) return { ok: false, reason: "credentials are not allowed in the URL (use the token)" };
  const segments = url.pathname.split("/");
  const topic = segments.pop() ?? "";
  if (!NTFY_TOPIC.test(topic)) return { ok: false, reason: "the topic (last path segment) must be 1–64 of A-Z a-z 0-9 _ -" };
  if (NTFY_RESERVED_TOPICS.includes(topic)) return { ok: false, reason: "that topic name is reserved by ntfy" };
  if (token !== null && !NTFY_TOKEN.test(token)) {
    return { ok: false, field: "token", reason: "the access token must be an ntfy token (tk_ and 29 letters or digits)" };
  }
  return { ok: true, value: { type: "ntfy", server: `${url.origin}${segments.join("/")}/`, topic, token } };
}

/** `https://<host>/api/webhooks/<id>/<token>` on any https host (self-hosted relays included). */
export function discordFromUrl(url: URL): Parsed<DiscordChannel> {
  if (url.protocol !== "https:") return { ok: false, reason: "a Discord webhook URL must be https" };
  if (url.username || url.password) return { ok: false, reason: "credentials are not allowed in the URL" };
  if (url.search || url.hash) return { ok: false, reason: "a Discord webhook URL has no query or fragment" };
  const match = /^\/api\/webhooks\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (!match) return { ok: false, reason: "the path must be /api/webhooks/<id>/<token>" };
  return discordFromParts(url.origin, match[1]!, match[2]!);
}

export function discordFromParts(origin: string, id: string, token: string): Parsed<DiscordChannel> {
  if (!DISCORD_ID.test(id)) return { ok: false, reason: "the webhook id must be a Discord snowflake (17–20 digits)" };
  if (!DISCORD_TOKEN.test(token)) return { ok: false, reason: "the webhook token must be letters, digits, _ or -" };
  return { ok: true, value: { type: "discord", url: `${origin}/api/webhooks/${id}/${token}` } };
}

export function isDiscordHost(url: URL): boolean {
  return DISCORD_HOSTS.includes(url.hostname.toLowerCase()) && (url.port === "" || url.port === "443");
}

/** `new URL` without throwing; null for anything that is not an absolute URL. */
export function parseUrl(text: string): URL | null {
  if (text.length > MAX_URL_LENGTH) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
