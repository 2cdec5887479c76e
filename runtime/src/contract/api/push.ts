/** `/api/push/*` (product.md §4, §7). */
import * as z from "zod/mini";

const MAX_ENDPOINT = 2048;
const endpointSchema = z.string().check(z.minLength(1), z.maxLength(MAX_ENDPOINT));

/** `POST /api/push/subscribe` body: the browser's `PushSubscription.toJSON()` plus the UI locale. */
export const SubscribeBody = z.object({
  endpoint: endpointSchema,
  keys: z.object({
    p256dh: z.string().check(z.maxLength(200)),
    auth: z.string().check(z.maxLength(100)),
  }),
  locale: z.optional(z.string().check(z.maxLength(35))),
});
export type PushSubscriptionBody = z.input<typeof SubscribeBody>;

/** `DELETE /api/push/subscribe` body. */
export const UnsubscribeBody = z.object({ endpoint: endpointSchema });
/** `GET /api/push/status` query. */
export const PushStatusQuery = z.object({ endpoint: z.optional(endpointSchema) });

export const VapidPublicKeyResponse = z.object({ public_key: z.string() });
export type VapidPublicKeyResponse = z.output<typeof VapidPublicKeyResponse>;

export const PushStatus = z.object({ subscribed: z.boolean(), devices: z.int() });
export type PushStatus = z.output<typeof PushStatus>;

/** `POST /api/push/subscribe`: 201 for a new subscription, 200 for a refreshed one. */
export const SubscribeResponse = z.object({ status: z.literal("subscribed") });
export type SubscribeResponse = z.output<typeof SubscribeResponse>;

export const UnsubscribeResponse = z.object({ status: z.literal("unsubscribed") });
export type UnsubscribeResponse = z.output<typeof UnsubscribeResponse>;
