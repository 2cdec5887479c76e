/**
 * POST /webhook/plex?token= (product.md §5.1). Thin: token, body, envelope filters; the work is
 * in `app/library/ingest-item.ts`.
 */
import { ingestItem } from "../../app/library/ingest-item.js";
import type { WebhookIgnored, WebhookOutcome } from "../../contract/api/webhook.js";
import { WEBHOOK_PATH } from "../../contract/urls.js";
import { isPlexType, parsePlexItem } from "../../domain/plex/metadata.js";
import { checkEnvelope, checkMetadata, type PayloadIssue } from "../../domain/plex/payload.js";
import { parseJsonBytes, readBytes } from "../body.js";
import { HttpError, validationFailed } from "../errors.js";
import { multipartBoundary, readMultipartFields } from "../multipart.js";
import { json } from "../../lib/json-response.js";
import type { AppRequest, RouteModule } from "../router.js";
import { requireWebhookToken } from "../webhook-token.js";

/** Plex multipart bodies (payload + thumb); below the Lambda payload limit once base64-encoded. */
export const PLEX_BODY_LIMIT = 4 * 1024 * 1024;

export const registerPlexRoutes: RouteModule = (router, deps, state) => {
  router.post(WEBHOOK_PATH, async (request: AppRequest) => {
    requireWebhookToken(new URL(request.url), deps.config);
    const payload = parseJsonBytes(await readPayloadText(request), "The payload is not valid JSON");

    const envelope = checkEnvelope(payload);
    if (!envelope.ok) throw invalid(envelope.issues);
    const { event, serverTitle, metadata } = envelope.value;
    if (event !== "library.new") return ignored(`Event type '${String(event ?? "").slice(0, 100)}' not processed`);
    if (deps.config.plexServerName !== null && serverTitle !== deps.config.plexServerName) return ignored("Server name mismatch");
    if (metadata === null) throw validationFailed([{ path: ["Metadata"], message: "Required" }], "The payload has no Metadata");
    // Non-video types (tracks, photos, clips …) are ignored before their fields are checked.
    if (typeof metadata.type === "string" && !isPlexType(metadata.type)) return ignored("Unsupported media type");
    const checked = checkMetadata(metadata);
    if (!checked.ok) throw invalid(checked.issues);
    const item = parsePlexItem(checked.value);
    if (item === null) return ignored("Unsupported media type");

    return json((await ingestItem(item, { ...deps, flights: state.ingestFlights }, { source: "plex" })) satisfies WebhookOutcome);
  });
};

/** The `payload` JSON text: from the multipart `payload` part, or a whole `application/json` body (handy with curl). */
async function readPayloadText(request: Request): Promise<string> {
  const contentType = request.headers.get("content-type");
  if (multipartBoundary(contentType) !== null) {
    const fields = await readMultipartFields(request, { maxBytes: PLEX_BODY_LIMIT, keep: ["payload"] });
    const payload = fields.get("payload");
    if (payload === undefined) throw new HttpError(400, "missing_payload", "The multipart body has no payload part");
    return payload;
  }
  if ((contentType ?? "").split(";")[0]!.trim().toLowerCase() === "application/json") {
    const bytes = await readBytes(request, PLEX_BODY_LIMIT);
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new HttpError(400, "invalid_json", "The payload is not valid UTF-8");
    }
  }
  throw new HttpError(415, "unsupported_media_type", "Content-Type must be multipart/form-data");
}

const ignored = (reason: string) => json({ status: "ignored", reason } satisfies WebhookIgnored);

const invalid = (issues: PayloadIssue[]) =>
  validationFailed(
    issues.map((i) => ({ path: i.path, message: i.message })),
    "The payload has the wrong shape",
  );
