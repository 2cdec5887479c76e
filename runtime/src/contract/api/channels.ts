/**
 * `/api/channels` (product.md §4, docs/notifications.md): a signed-in name's notification channels —
 * what the server parses. The answers' schemas are in `channels.responses.ts`, which a cold start
 * does not load (their types are re-exported here).
 */
import * as z from "zod/mini";
import type { LastDelivery } from "../../ports/store/deliveries.js";

export type { LastDelivery };
export type { Channel, ChannelList, CreateChannelResponse, RemoveChannelResponse, TestChannelResponse } from "./channels.responses.js";

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

/** `DELETE /api/channels/{id}` path. Any value that is no channel of this name is a 404. */
export const ChannelIdParams = z.object({ id: z.string().check(z.minLength(1)) });
