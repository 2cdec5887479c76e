/**
 * The answers of `/api/channels` (product.md §4, docs/notifications.md). The server never parses
 * them: run-time code uses their types (re-exported by `channels.ts`); only the OpenAPI description
 * and tests build them. They live apart from the request schemas so a cold start does not construct
 * them at load.
 */
import * as z from "zod/mini";

/** When a channel was last sent to, and how it went (`POST /api/channels/{id}/test` included). */
export const LastDeliverySchema = z.object({
  status: z.enum(["ok", "failed"]),
  /** ISO-8601 UTC. */
  at: z.string(),
  /** Why it failed, free of the channel's secrets. */
  error: z.optional(z.string()),
});

/** A channel as the API shows it: never its token, webhook path or secret. */
export const Channel = z.object({
  /** `ch_` and 16 base64url characters. */
  id: z.string(),
  type: z.enum(["ntfy", "discord", "webhook"]),
  /** Host (and port when not the default). */
  host: z.string(),
  /** `<host>/…<4 hex>`: tells two channels on one host apart. */
  masked: z.string(),
  /** The language of this channel's messages. */
  locale: z.string(),
  /** ISO-8601 UTC. */
  created_at: z.string(),
  last_delivery: z.nullable(LastDeliverySchema),
});
export type Channel = z.output<typeof Channel>;

/** `GET /api/channels`: the name's channels, oldest first. */
export const ChannelList = z.object({ channels: z.array(Channel) });
export type ChannelList = z.output<typeof ChannelList>;

/** `POST /api/channels` → 201. `secret` only when Stellarr generated a webhook's signing secret: shown this once. */
export const CreateChannelResponse = z.object({
  channel: Channel,
  secret: z.optional(z.string()),
});
export type CreateChannelResponse = z.output<typeof CreateChannelResponse>;

export const RemoveChannelResponse = z.object({ status: z.literal("removed") });
export type RemoveChannelResponse = z.output<typeof RemoveChannelResponse>;

/** `POST /api/channels/{id}/test` → 200 whether or not the service accepted it; `last_delivery` says. */
export const TestChannelResponse = z.object({
  delivered: z.boolean(),
  last_delivery: LastDeliverySchema,
});
export type TestChannelResponse = z.output<typeof TestChannelResponse>;
