/**
 * The answers of `/api/push/*` (product.md §4, §7). The server never parses them: run-time code
 * uses their types (re-exported by `push.ts`); only the OpenAPI description and tests build them.
 * They live apart from the request schemas so a cold start does not construct them at load.
 */
import * as z from "zod/mini";

export const VapidPublicKeyResponse = z.object({ public_key: z.string() });
export type VapidPublicKeyResponse = z.output<typeof VapidPublicKeyResponse>;

export const PushStatus = z.object({ subscribed: z.boolean(), devices: z.int() });
export type PushStatus = z.output<typeof PushStatus>;

/** `POST /api/push/subscribe`: 201 for a new subscription, 200 for a refreshed one. */
export const SubscribeResponse = z.object({ status: z.literal("subscribed") });
export type SubscribeResponse = z.output<typeof SubscribeResponse>;

export const UnsubscribeResponse = z.object({ status: z.literal("unsubscribed") });
export type UnsubscribeResponse = z.output<typeof UnsubscribeResponse>;
