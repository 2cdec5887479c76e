/** OpenAPI descriptions of `plex.ts`. */
import * as z from "zod/mini";
import { WebhookIgnored, WebhookOutcome } from "../../contract/api/webhook.responses.js";
import { WEBHOOK_PATH } from "../../contract/urls.js";
import { PlexEnvelopeSchema } from "../../domain/plex/payload.js";
import { UPSTREAM_ERRORS, type RouteDoc } from "../openapi/describe.js";
import { PLEX_BODY_LIMIT } from "./plex.js";

export const plexRouteDocs: RouteDoc[] = [
  {
    method: "POST",
    path: WEBHOOK_PATH,
    tag: "media servers",
    summary: "Plex webhook: a new movie or episode marks its request fulfilled and notifies the requester",
    description:
      "Plex sends `multipart/form-data` with the JSON in the `payload` part; a whole `application/json` body is accepted too. " +
      "Only `library.new` events (of `PLEX_SERVER_NAME`'s server when set) for movies, shows, seasons and episodes are processed; " +
      "their `Metadata` must then match `PlexMetadata`.",
    auth: "webhook",
    body: {
      maxBytes: PLEX_BODY_LIMIT,
      content: {
        "multipart/form-data": {
          schema: z.object({ payload: PlexEnvelopeSchema }),
          encoding: { payload: { contentType: "application/json" } },
        },
        "application/json": { schema: PlexEnvelopeSchema },
      },
    },
    responses: { 200: { description: "Processed, or ignored with the reason", schema: z.union([WebhookOutcome, WebhookIgnored]) } },
    errors: [
      {
        status: 400,
        codes: ["missing_payload", "invalid_multipart"],
        description: "The multipart body is malformed or has no payload part",
      },
      ...UPSTREAM_ERRORS,
    ],
  },
];
