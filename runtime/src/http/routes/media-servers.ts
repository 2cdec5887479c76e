/**
 * POST /webhook/jellyfin?token= and POST /webhook/emby?token= (product.md §5.1): Jellyfin's webhook
 * plugin ("Generic" destination) and Emby's native webhooks. Thin: token, body, the parsers of
 * `domain/media-server/`, the server filter; the work is the Plex webhook's use case
 * (`app/library/ingest-item.ts`), writing to the server's own library source.
 */
import { ingestItem } from "../../app/library/ingest-item.js";
import type { MediaServerWebhookOutcome, WebhookIgnored } from "../../contract/api/webhook.js";
import { EMBY_WEBHOOK_PATH, JELLYFIN_WEBHOOK_PATH } from "../../contract/urls.js";
import { parseEmbyWebhook } from "../../domain/media-server/emby.js";
import type { MediaServerEvent, MediaServerKind } from "../../domain/media-server/event.js";
import { parseJellyfinWebhook } from "../../domain/media-server/jellyfin.js";
import { fromWantedServer, resolvableItem } from "../../domain/media-server/resolvable.js";
import type { Checked } from "../../domain/plex/payload.js";
import { json } from "../../lib/json-response.js";
import { parseJsonBytes, readBytes } from "../body.js";
import { HttpError, validationFailed } from "../errors.js";
import { multipartBoundary, readMultipartFields } from "../multipart.js";
import type { AppRequest, RouteModule } from "../router.js";
import { requireWebhookToken } from "../webhook-token.js";

/** Their JSON is small (no images); a form body of Emby's stays far below this too. */
export const MEDIA_SERVER_BODY_LIMIT = 1024 * 1024;

const INVALID_JSON = "The payload is not valid JSON";

interface Server {
  kind: MediaServerKind;
  path: string;
  parse: (body: unknown) => Checked<MediaServerEvent>;
  read: (request: Request) => Promise<unknown>;
  wantedId: (config: { jellyfinServerId: string | null; embyServerId: string | null }) => string | null;
}

const SERVERS: Server[] = [
  {
    kind: "jellyfin",
    path: JELLYFIN_WEBHOOK_PATH,
    parse: parseJellyfinWebhook,
    read: readJellyfinBody,
    wantedId: (c) => c.jellyfinServerId,
  },
  { kind: "emby", path: EMBY_WEBHOOK_PATH, parse: parseEmbyWebhook, read: readEmbyBody, wantedId: (c) => c.embyServerId },
];

export const registerMediaServerRoutes: RouteModule = (router, deps, state) => {
  for (const server of SERVERS) {
    router.post(server.path, async (request: AppRequest) => {
      requireWebhookToken(new URL(request.url), deps.config);
      const checked = server.parse(await server.read(request));
      if (!checked.ok) {
        throw validationFailed(
          checked.issues.map((i) => ({ path: i.path, message: i.message })),
          "The payload has the wrong shape",
        );
      }
      const event = checked.value;
      if (event.event !== "item_added") return ignored(`Notification type '${event.name.slice(0, 100)}' not processed`);
      if (!fromWantedServer(event, server.wantedId(deps.config))) return ignored("Server id mismatch");
      // Seasons and episodes of a show share one cache key (the series' id): one lookup per burst.
      const item = resolvableItem(event, { cacheKeys: true });
      if (item === null) return ignored(`Unsupported item type '${(event.item?.type ?? "").slice(0, 100)}'`);
      const outcome = await ingestItem(item, { ...deps, flights: state.ingestFlights }, { source: server.kind });
      return json((outcome.tmdb_id === null ? { ...outcome, status: "unresolved" } : outcome) satisfies MediaServerWebhookOutcome);
    });
  }
};

const mediaType = (request: Request): string => (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();

/** The plugin sends its JSON as `text/plain` unless the user adds a header; both are accepted (and no type at all). */
async function readJellyfinBody(request: Request): Promise<unknown> {
  const type = mediaType(request);
  if (type !== "" && type !== "text/plain" && type !== "application/json") {
    throw new HttpError(415, "unsupported_media_type", "Content-Type must be application/json or text/plain");
  }
  return parseJsonBytes(await readBytes(request, MEDIA_SERVER_BODY_LIMIT), INVALID_JSON);
}

/** Emby posts JSON, or a form whose `data` field holds it (multipart or URL-encoded). */
async function readEmbyBody(request: Request): Promise<unknown> {
  const type = mediaType(request);
  if (multipartBoundary(request.headers.get("content-type")) !== null) {
    const fields = await readMultipartFields(request, { maxBytes: MEDIA_SERVER_BODY_LIMIT, keep: ["data"] });
    return parseJsonBytes(dataField(fields.get("data")), INVALID_JSON);
  }
  if (type === "application/x-www-form-urlencoded") {
    const bytes = await readBytes(request, MEDIA_SERVER_BODY_LIMIT);
    const form = new URLSearchParams(new TextDecoder("utf-8").decode(bytes));
    return parseJsonBytes(dataField(form.get("data") ?? undefined), INVALID_JSON);
  }
  if (type === "application/json") return parseJsonBytes(await readBytes(request, MEDIA_SERVER_BODY_LIMIT), INVALID_JSON);
  throw new HttpError(415, "unsupported_media_type", "Content-Type must be application/json or a form with a data field");
}

function dataField(value: string | undefined): string {
  if (value === undefined) throw new HttpError(400, "missing_payload", "The form has no data field");
  return value;
}

const ignored = (reason: string) => json({ status: "ignored", reason } satisfies WebhookIgnored);
