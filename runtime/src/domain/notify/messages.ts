/**
 * What each channel is sent when a title arrives: the exact HTTP request (URL, headers, body), so
 * senders only do I/O. Texts come from the push payload (`domain/push/payload.ts`): one set of
 * localised strings for every way Stellarr notifies.
 */
import type { Fulfilment } from "../../ports/notifier.js";
import { buildFulfilmentPayload } from "../push/payload.js";
import type { ChannelSpec, NtfyChannel, WebhookChannel } from "./channel.js";
import { SIGNATURE_HEADER, signatureHeader } from "./signature.js";

/** A fulfilment as channels announce it: the push fulfilment plus who follows it and where it is. */
export interface ChannelFulfilment extends Fulfilment {
  /** Names following the request (not the requester), in the order they followed. */
  followers: string[];
  /** Absolute link to the title in Stellarr (see `titleLink`). */
  url: string;
}

export interface ChannelRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The absolute link to a title in Stellarr: the push notification's click target on the public origin. */
export function titleLink(origin: string, title: Pick<Fulfilment, "media_type" | "tmdb_id">): string {
  const { url } = buildFulfilmentPayload({ ...title, title: null, year: null, poster_path: null }, "en");
  return new URL(url, origin).href;
}

export const DISCORD_EMBED_COLOR = 0x5b6cff;
const JSON_HEADERS = { "content-type": "application/json", "user-agent": "Stellarr" };

/** ntfy JSON publishing: POST to the server root; `topic` is the only required field (docs/publish.md "Publish as JSON"). */
export interface NtfyMessage {
  topic: string;
  title: string;
  message: string;
  click: string;
  tags: string[];
  attach?: string;
  filename?: string;
}

export function ntfyMessage(spec: NtfyChannel, f: ChannelFulfilment, locale: string): NtfyMessage {
  const push = buildFulfilmentPayload(f, locale);
  const message: NtfyMessage = {
    topic: spec.topic,
    title: push.title,
    message: push.body,
    click: f.url,
    tags: [f.media_type === "movie" ? "movie_camera" : "tv"],
  };
  // The poster as an attachment: ntfy clients show it as the notification's picture.
  if (push.image) Object.assign(message, { attach: push.image, filename: "poster.jpg" });
  return message;
}

export interface DiscordEmbed {
  title: string;
  description: string;
  url: string;
  color: number;
  timestamp: string;
  author: { name: string };
  thumbnail?: { url: string };
}

export interface DiscordMessage {
  embeds: [DiscordEmbed];
  /** Titles come from TMDB: never let one ping @everyone. */
  allowed_mentions: { parse: [] };
}

export function discordMessage(f: ChannelFulfilment, locale: string, nowMs: number): DiscordMessage {
  const push = buildFulfilmentPayload(f, locale);
  const name = f.title?.trim().slice(0, 200);
  const embed: DiscordEmbed = {
    title: name ? (f.year ? `${name} (${f.year})` : name) : push.title,
    description: push.body,
    url: f.url,
    color: DISCORD_EMBED_COLOR,
    timestamp: new Date(nowMs).toISOString(),
    author: { name: push.title },
  };
  if (push.image) embed.thumbnail = { url: push.image };
  return { embeds: [embed], allowed_mentions: { parse: [] } };
}

/** The signed webhook's body: a stable contract for receivers (docs/notifications.md). */
export interface WebhookBody {
  event: "fulfilled";
  title: string | null;
  year: number | null;
  media_type: Fulfilment["media_type"];
  tmdb_id: number;
  requested_by: string | null;
  followers: string[];
  url: string;
  poster_url: string | null;
}

export function webhookBody(f: ChannelFulfilment): WebhookBody {
  return {
    event: "fulfilled",
    title: f.title,
    year: f.year,
    media_type: f.media_type,
    tmdb_id: f.tmdb_id,
    requested_by: f.requested_by,
    followers: [...f.followers],
    url: f.url,
    poster_url: buildFulfilmentPayload(f, "en").image,
  };
}

/**
 * The request for one attempt. `nowMs` stamps the Discord embed and the webhook signature, so each
 * retry is signed afresh.
 */
export function channelRequest(spec: ChannelSpec, f: ChannelFulfilment, locale: string, nowMs: number): ChannelRequest {
  switch (spec.type) {
    case "ntfy":
      return {
        url: spec.server,
        headers: { ...JSON_HEADERS, ...(spec.token ? { authorization: `Bearer ${spec.token}` } : {}) },
        body: JSON.stringify(ntfyMessage(spec, f, locale)),
      };
    case "discord":
      // wait=true: Discord reports a message it could not save instead of answering 204 regardless.
      return { url: `${spec.url}?wait=true`, headers: { ...JSON_HEADERS }, body: JSON.stringify(discordMessage(f, locale, nowMs)) };
    case "webhook":
      return webhookRequest(spec, f, nowMs);
  }
}

function webhookRequest(spec: WebhookChannel, f: ChannelFulfilment, nowMs: number): ChannelRequest {
  const body = JSON.stringify(webhookBody(f));
  return {
    url: spec.url,
    headers: { ...JSON_HEADERS, [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(spec.secret, body, nowMs / 1000) },
    body,
  };
}
