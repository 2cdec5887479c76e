/**
 * POST /api/request, DELETE /api/request/:media_type/:tmdb_id, GET /api/requests,
 * GET /api/library-status (product.md §4): parse, call `app/requests/*`, shape.
 */
import { createHash } from "node:crypto";
import { createRequest } from "../../app/requests/create-request.js";
import { libraryStatus, requestPage } from "../../app/requests/list-requests.js";
import { removeRequest } from "../../app/requests/remove-request.js";
import {
  ListRequestsQuery,
  RequestBody,
  TitleKeyParams,
  type CreateRequestResponse,
  type LibraryStatus,
  type RemoveRequestResponse,
  type RequestsPage,
} from "../../contract/api/requests.js";
import { toApiRequest } from "../../domain/requests/shape.js";
import { createSingleFlight } from "../../lib/single-flight.js";
import { InvalidCursorError, type MediaType } from "../../ports/store/index.js";
import type { StoredRequest } from "../../ports/store/requests.js";
import { readJson } from "../body.js";
import { HttpError, validationFailed } from "../errors.js";
import { json } from "../../lib/json-response.js";
import type { AppRequest, RouteModule } from "../router.js";
import { parseWith, queryObject } from "../validate.js";

export const registerRequestRoutes: RouteModule = (router, deps, state) => {
  const { store } = deps;
  // One catalogue lookup per title however many users request it at once (per app instance).
  const detailsFlight = createSingleFlight();

  router
    .post("/api/request", async (request: AppRequest) => {
      const session = state.requireSession(request);
      state.apiRateLimit.enforce(session.name);
      const body = parseWith(RequestBody, await readJson(request));
      const key = { media_type: body.media_type, tmdb_id: body.tmdb_id };
      const result = await createRequest(key, session.name, { ...deps, detailsFlight });
      if (!result.ok) {
        switch (result.reason) {
          case "already_requested":
            throw alreadyRequested(result.existing);
          case "already_in_library":
            throw new HttpError(409, "already_in_library", "This title is already in the library");
          case "unknown_title":
            throw new HttpError(404, "unknown_title", `TMDB has no ${key.media_type === "tv" ? "show" : "movie"} with id ${key.tmdb_id}`);
        }
      }
      const created: CreateRequestResponse = {
        success: true,
        message: `Added ${result.title} to requests`,
        request: toApiRequest(result.request),
      };
      return json(created, 201);
    })

    .delete("/api/request/:media_type/:tmdb_id", async (request: AppRequest) => {
      const session = state.requireSession(request);
      const key = parseTitleKey(request.params.media_type, request.params.tmdb_id);
      if (!(await removeRequest(key, session.name, deps))) throw new HttpError(404, "not_found", "Request not found");
      return json({ success: true, message: "Request removed" } satisfies RemoveRequestResponse);
    })

    .get("/api/requests", async (request: AppRequest) => {
      state.requireSession(request);
      const q = parseWith(ListRequestsQuery, queryObject(new URL(request.url)));
      const limit = q.limit === undefined ? 100 : Number(q.limit);
      const { page, counts } = await requestPage({ media_type: q.media_type, status: q.status, limit, cursor: q.cursor }, store).catch(
        (err: unknown) => {
          if (err instanceof InvalidCursorError) throw validationFailed([{ path: ["cursor"], message: "Invalid cursor" }]);
          throw err;
        },
      );
      return json({ requests: page.requests.map(toApiRequest), next_cursor: page.next_cursor, counts } satisfies RequestsPage);
    })

    .get("/api/library-status", async (request: AppRequest) => {
      state.requireSession(request);
      const { library, pending } = await libraryStatus(store);
      const status: LibraryStatus = { library: { movie: library.movie, tv: library.tv }, requests: pending.map(toApiRequest) };
      const body = JSON.stringify(status);
      const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
      const headers = { etag, "cache-control": "private, no-cache" };
      if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
      return new Response(body, { status: 200, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
    });
};

function alreadyRequested(existing: StoredRequest): HttpError {
  return new HttpError(409, "already_requested", "This title has already been requested", { body: { request: toApiRequest(existing) } });
}

/** Path parameters of DELETE (percent-decoded), checked by `TitleKeyParams`. */
export function parseTitleKey(mediaType: unknown, tmdbId: unknown): { media_type: MediaType; tmdb_id: number } {
  const decoded = {
    media_type: typeof mediaType === "string" ? safeDecode(mediaType) : "",
    tmdb_id: typeof tmdbId === "string" ? safeDecode(tmdbId) : "",
  };
  const key = parseWith(TitleKeyParams, decoded);
  return { media_type: key.media_type, tmdb_id: Number(key.tmdb_id) };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/` is ignored, `*` matches anything. */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}
