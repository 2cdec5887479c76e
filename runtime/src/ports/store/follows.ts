/**
 * Follows (product.md §4 "Follow a request"): names that asked to be notified too when someone
 * else's request arrives. Keyed by title; the requester is never stored as a follower.
 */
import type { TitleKey } from "./index.js";

export interface FollowStore {
  /** Adds `name` to the title's followers: "already" when it was there (idempotent). */
  follow(key: TitleKey, name: string): Promise<"followed" | "already">;
  /** true when `name` was following and no longer is. */
  unfollow(key: TitleKey, name: string): Promise<boolean>;
  /**
   * The followers of each title, sorted by name, aligned with `keys` (an empty list for none):
   * the requests page reads a whole page's followers at once (SQLite: one statement;
   * DynamoDB: one BatchGetItem per 100 titles).
   */
  followersOf(keys: readonly TitleKey[]): Promise<string[][]>;
  /**
   * The titles `name` follows (compared exactly, as `follow` stored it), by media type then TMDB id:
   * what "Notify me too" cards show on any device. Follows outlive a fulfilled request (the
   * notification reads them), so callers wanting pending requests only filter by request.
   */
  followedBy(name: string): Promise<TitleKey[]>;
  /** Forgets every follower of the title (its request was deleted). */
  deleteFollows(key: TitleKey): Promise<void>;
}
