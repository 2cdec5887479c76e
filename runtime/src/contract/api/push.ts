/**
 * `/api/push/*` (product.md §4, §7): what the server parses. The answers' schemas are in
 * `push.responses.ts`, which a cold start does not load (their types are re-exported here).
 */
import * as z from "zod/mini";

export type { PushStatus, SubscribeResponse, UnsubscribeResponse, VapidPublicKeyResponse } from "./push.responses.js";

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
