/** `/api/channels` (product.md §4, docs/notifications.md): a signed-in name's notification channels. */
import * as z from "zod/mini";
import type { LastDelivery } from "../../ports/store/deliveries.js";

export type { LastDelivery };

/** `POST /api/channels` body; `validatePersonalChannel` checks each type's URL rules after this shape. */
export const CreateChannelBody = z.object({
  type: z.enum(["ntfy", "discord", "webhook"]),
  url: z.string().check(z.minLength(1), z.maxLength(2048)),
  token: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
  secret: z.optional(z.nullable(z.string().check(z.maxLength(256)))),
  /** The UI's language for this channel's messages; else `Accept-Language` decides. */
  locale: z.optional(z.string().check(z.maxLength(35))),
});
export type CreateChannelInput = z.input<typeof CreateChannelBody>;

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

/** `DELETE /api/channels/{id}` path. Any value that is no channel of this name is a 404. */
export const ChannelIdParams = z.object({ id: z.string().check(z.minLength(1)) });

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
