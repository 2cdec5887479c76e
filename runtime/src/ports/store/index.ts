/**
 * The storage ports: everything Stellarr persists, one narrow interface per kind of data.
 *
 * | port                | file               | holds                                                    |
 * |---------------------|--------------------|----------------------------------------------------------|
 * | `RequestStore`      | `requests.ts`      | media requests (one per title), paged newest first        |
 * | `TitleStatusStore`  | `title-status.ts`  | the batched "requested / pending / in library" read       |
 * | `LibraryStore`      | `library.ts`       | the media-server library, incremental and full resync     |
 * | `GuidCacheStore`    | `guid-cache.ts`    | what a media server's show/movie guid resolved to         |
 * | `SubscriptionStore` | `subscriptions.ts` | web-push subscriptions, keyed by endpoint                 |
 * | `ChallengeStore`    | `challenges.ts`    | single-use login challenges                               |
 * | `RateLimitStore`    | `rate-limits.ts`   | fixed rate-limit windows                                  |
 * | `FollowStore`       | `follows.ts`       | who follows someone else's request                        |
 * | `ChannelStore`      | `channels.ts`      | personal notification channels (ntfy, Discord, webhook)   |
 * | `DeliveryStore`     | `deliveries.ts`    | channel delivery claims (dedupe) and last delivery        |
 * | `ChangeStore`       | `changes.ts`       | the change token of requests + library (cached bodies)    |
 *
 * Consumers (use cases, adapters) take the narrow port(s) they use; only the wiring holds a whole
 * `Store`. Two adapters implement every port (`adapters/store/sqlite`, `adapters/store/dynamodb`)
 * and both run the contract suite, one contract file per port (`test/ports/store/*.contract.ts`).
 * Every method is one logical operation; adapters count their backend round trips in
 * `stats.roundTrips` so tests and benchmarks can check the budgets of product.md §12.
 *
 * Time is always passed in (milliseconds since the epoch) so the caller's clock decides what is
 * expired; adapters never read the wall clock for TTL decisions.
 */
import type { ChallengeStore } from "./challenges.js";
import type { ChangeStore } from "./changes.js";
import type { ChannelStore } from "./channels.js";
import type { DeliveryStore } from "./deliveries.js";
import type { FollowStore } from "./follows.js";
import type { GuidCacheStore } from "./guid-cache.js";
import type { LibraryStore } from "./library.js";
import type { RateLimitStore } from "./rate-limits.js";
import type { RequestStore } from "./requests.js";
import type { SubscriptionStore } from "./subscriptions.js";
import type { TitleStatusStore } from "./title-status.js";

export type * from "./challenges.js";
export type * from "./changes.js";
export type * from "./channels.js";
export type * from "./deliveries.js";
export type * from "./follows.js";
export type * from "./guid-cache.js";
export type * from "./library.js";
export type * from "./rate-limits.js";
export type * from "./requests.js";
export type * from "./subscriptions.js";
export type * from "./title-status.js";

export type MediaType = "movie" | "tv";

/** One title: the key of requests, library entries and title status. */
export interface TitleKey {
  media_type: MediaType;
  tmdb_id: number;
}

export interface StoreStats {
  /** Backend round trips since creation (SQLite: statements/transactions issued; DynamoDB: HTTP calls). */
  roundTrips: number;
}

/** Every port of one backend, plus its lifecycle: what the wiring opens, passes out and closes. */
export interface Store
  extends
    RequestStore,
    TitleStatusStore,
    LibraryStore,
    GuidCacheStore,
    SubscriptionStore,
    ChallengeStore,
    RateLimitStore,
    ChangeStore,
    FollowStore,
    ChannelStore,
    DeliveryStore {
  readonly kind: "sqlite" | "dynamodb";
  readonly stats: StoreStats;
  /** Cheap liveness check for `/api/ready`; throws `StoreUnavailableError` when down. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The store is down, full, read-only or throttled: the API answers 503 `store_unavailable` with `Retry-After`. */
export class StoreUnavailableError extends Error {
  override readonly name = "StoreUnavailableError";
  constructor(message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds ?? 5;
  }
  readonly retryAfterSeconds: number;
}

/** A `cursor` that this store did not issue: the API answers 422. */
export class InvalidCursorError extends Error {
  override readonly name = "InvalidCursorError";
}
