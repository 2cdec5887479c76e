/** The token of the media-server webhooks and the library-sync endpoints (one token, `WEBHOOK_TOKEN`, formerly `PLEX_WEBHOOK_TOKEN`). */
import { safeEqual } from "../domain/auth/constant-time.js";
import type { Config } from "../config/types.js";
import { HttpError } from "./errors.js";

/**
 * The webhook/sync token rules (product.md §4): unset on the server → 403 `webhook_disabled`;
 * missing → 401 `unauthorized`; wrong → 401 `invalid_token` (constant-time comparison).
 */
export function requireWebhookToken(url: URL, config: Pick<Config, "webhookToken">): void {
  const expected = config.webhookToken;
  if (expected === null) throw new HttpError(403, "webhook_disabled", "Webhook and sync endpoints are disabled (WEBHOOK_TOKEN is not set)");
  const given = url.searchParams.get("token");
  if (given === null || given === "") throw new HttpError(401, "unauthorized", "Token required");
  if (!safeEqual(given, expected)) throw new HttpError(401, "invalid_token", "Invalid token");
}
