/**
 * `POST /api/channels/{id}/test` (product.md §4): one test message to a name's personal channel,
 * sent now and recorded as its last delivery. Embedded, the server sends it itself; on AWS the API
 * function asks the notifier function (which holds the senders) and waits for its answer.
 */
import type { LastDelivery } from "./store/deliveries.js";

export interface TestedChannel {
  /** Whether the service accepted the message. */
  delivered: boolean;
  last_delivery: LastDelivery;
}

/** null when `owner` has no channel `id`. Throws `ChannelTestUnavailableError` when whatever sends could not be asked. */
export type ChannelTester = (owner: string, id: string) => Promise<TestedChannel | null>;

/**
 * The sender (the AWS notifier function) did not answer: `timeout` — no answer before the request's
 * deadline (the message may still go out); `busy` — refused for now (throttled); `failed` — it
 * failed or could not be reached, so nothing was sent. The message names no secret.
 */
export class ChannelTestUnavailableError extends Error {
  override readonly name = "ChannelTestUnavailableError";
  constructor(
    readonly kind: "timeout" | "busy" | "failed",
    message: string,
  ) {
    super(message);
  }
}
