/** The notifier when push is not configured (no VAPID keys): nobody is notified, nothing fails. */
import type { Notifier } from "../../ports/notifier.js";

export const silentNotifier: Notifier = {
  async notifyFulfilled() {
    return { attempted: 0, delivered: 0 };
  },
};
