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

/** A channel as the API shows it: never its token, webhook path or secret. */
export interface Channel {
  id: string;
  type: "ntfy" | "discord" | "webhook";
  /** Host (and port when not the default). */
  host: string;
  /** `<host>/…<4 hex>`: tells two channels on one host apart. */
  masked: string;
  locale: string;
  created_at: string;
  last_delivery: LastDelivery | null;
}

export interface ChannelList {
  channels: Channel[];
}

/** `POST /api/channels` → 201. `secret` only when Stellarr generated a webhook's signing secret: shown this once. */
export interface CreateChannelResponse {
  channel: Channel;
  secret?: string;
}

/** `POST /api/channels/{id}/test` → 200 whether or not the service accepted it; `last_delivery` says. */
export interface TestChannelResponse {
  delivered: boolean;
  last_delivery: LastDelivery;
}
