/**
 * The notifier seam: called when a pending request is fulfilled (a media server's webhook, library sync).
 * Implementations never throw for delivery failures; they report what happened.
 */
import type { MediaType } from "./store/index.js";

export interface Fulfilment {
  media_type: MediaType;
  tmdb_id: number;
  title: string | null;
  year: number | null;
  poster_path: string | null;
  /** The requester: the name whose devices are notified. */
  requested_by: string | null;
}

export interface NotifyResult {
  /** Devices attempted. */
  attempted: number;
  /** Push services that answered 2xx. */
  delivered: number;
}

export interface Notifier {
  notifyFulfilled(fulfilment: Fulfilment): Promise<NotifyResult>;
}

/** The VAPID key pair and subject (RFC 8292) push messages are signed with. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}
