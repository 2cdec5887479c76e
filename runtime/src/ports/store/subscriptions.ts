/** Web-push subscriptions (product.md §7), keyed by endpoint: a name has one per device. */

export interface PushSubscriptionRecord {
  endpoint: string;
  owner: string;
  p256dh: string;
  auth: string;
  locale: string;
  /** Identifies the VAPID public key the subscription was made with (e.g. a hash of it). */
  vapid_key_id: string;
  created_at: string;
}

export interface SubscriptionStore {
  /** Creates, or updates/moves an existing endpoint to `sub.owner`. */
  putSubscription(sub: PushSubscriptionRecord): Promise<"created" | "updated">;
  getSubscription(endpoint: string): Promise<PushSubscriptionRecord | null>;
  listSubscriptions(owner: string): Promise<PushSubscriptionRecord[]>;
  /** Deletes the endpoint; when `owner` is given only if it belongs to that owner. true when deleted. */
  deleteSubscription(endpoint: string, owner?: string): Promise<boolean>;
}
