/** OpenAPI descriptions of `media-servers.ts`. */
import * as z from "zod/mini";
import { EmbyWebhookBody, JellyfinWebhookBody } from "../../contract/api/webhook.js";
import { MediaServerWebhookOutcome, WebhookIgnored } from "../../contract/api/webhook.responses.js";
import { EMBY_WEBHOOK_PATH, JELLYFIN_WEBHOOK_PATH } from "../../contract/urls.js";
import { UPSTREAM_ERRORS, type RouteDoc } from "../openapi/describe.js";
import { MEDIA_SERVER_BODY_LIMIT } from "./media-servers.js";

const RESPONSES: RouteDoc["responses"] = {
  200: {
    description: "Processed (`success`), no id led to a title (`unresolved`, `tmdb_id` null, nothing written), or ignored with the reason",
    schema: z.union([MediaServerWebhookOutcome, WebhookIgnored]),
  },
};

const RESOLUTION =
  "Movies, series, seasons and episodes go through the Plex webhook's resolution and are written to this server's library source " +
  "(`item_type` and `plex_type` both name the kind). Other notification types and item kinds, and events of another server, are answered `ignored`.";

export const mediaServerRouteDocs: RouteDoc[] = [
  {
    method: "POST",
    path: JELLYFIN_WEBHOOK_PATH,
    tag: "media servers",
    summary:
      "Jellyfin webhook (jellyfin-plugin-webhook, Generic destination): a new item marks its request fulfilled and notifies the requester",
    description:
      "The plugin sends its JSON as `text/plain` unless told otherwise; `application/json` (or no Content-Type) is read the same way. " +
      "Only `ItemAdded` of `JELLYFIN_SERVER_ID`'s server (when set) is processed. " +
      RESOLUTION,
    auth: "webhook",
    body: {
      maxBytes: MEDIA_SERVER_BODY_LIMIT,
      content: {
        "application/json": { schema: JellyfinWebhookBody },
        "text/plain": { schema: JellyfinWebhookBody },
      },
    },
    responses: RESPONSES,
    errors: UPSTREAM_ERRORS,
  },
  {
    method: "POST",
    path: EMBY_WEBHOOK_PATH,
    tag: "media servers",
    summary: "Emby webhook: a new item (`library.new`) marks its request fulfilled and notifies the requester",
    description:
      "Emby posts JSON, or a form (multipart or URL-encoded) whose `data` field holds it. " +
      "Only `library.new` of `EMBY_SERVER_ID`'s server (when set) is processed. " +
      RESOLUTION,
    auth: "webhook",
    body: {
      maxBytes: MEDIA_SERVER_BODY_LIMIT,
      content: {
        "application/json": { schema: EmbyWebhookBody },
        "multipart/form-data": { schema: z.object({ data: EmbyWebhookBody }), encoding: { data: { contentType: "application/json" } } },
        "application/x-www-form-urlencoded": { schema: z.object({ data: z.string() }) },
      },
    },
    responses: RESPONSES,
    errors: [
      { status: 400, codes: ["missing_payload", "invalid_multipart"], description: "The form is malformed or has no data field" },
      ...UPSTREAM_ERRORS,
    ],
  },
];
