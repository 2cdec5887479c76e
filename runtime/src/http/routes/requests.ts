/**
 * POST /api/request, DELETE /api/request/:media_type/:tmdb_id, GET /api/requests,
 * GET /api/library-status (product.md §4): parse, call `app/requests/*`, shape.
 */
import { createRequest } from "../../app/requests/create-request.js";
import { followPath } from "../../app/requests/follow-request.js";
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
import { stringifyArray } from "../../lib/json-chunks.js";
import { createSingleFlight } from "../../lib/single-flight.js";
import { catalogueTimedOut } from "../../ports/catalogue.js";
import { InvalidCursorError, type MediaType } from "../../ports/store/index.js";
import type { StoredRequest } from "../../ports/store/requests.js";
import { readJson } from "../body.js";
import { cachedRead } from "../cached-read.js";
import { HttpError, validationFailed } from "../errors.js";
import { json } from "../../lib/json-response.js";
import type { AppRequest, RouteModule } from "../router.js";
import { parseWith, queryObject } from "../validate.js";

export const registerRequestRoutes: RouteModule = (router, deps, state) => {
  const { store } = deps;
  // One catalogue lookup per title however many users request it at once (per app instance).
  const detailsFlight = createSingleFlight({ timeoutError: catalogueTimedOut });

  router
    .post("/api/request", async (request: AppRequest) => {
      const session = state.requireSession(request);
      state.apiRateLimit.enforce(session.name);
      const body = parseWith(RequestBody, await readJson(request));
      const key = { media_type: body.media_type, tmdb_id: body.tmdb_id };
      if (body.media_type === "movie" && body.seasons !== undefined) {
        throw validationFailed([{ path: ["seasons"], message: "seasons are for TV shows only" }]);
      }
      const options = { profile: body.profile, seasons: body.seasons };
      const result = await createRequest(key, session.name, { ...deps, detailsFlight }, options);
      if (!result.ok) {
        switch (result.reason) {
          case "already_requested":
            throw alreadyRequested(result.existing);
          case "invalid_seasons":
            throw validationFailed(result.errors);
          case "already_in_library":
            throw new HttpError(409, "already_in_library", "This title is already in the library");
          case "unknown_title":
            throw new HttpError(404, "unknown_title", `TMDB has no ${key.media_type === "tv" ? "show" : "movie"} with id ${key.tmdb_id}`);
        }
      }
      const created: CreateRequestResponse = {
        success: true,
        message: result.created ? `Added ${result.title} to requests` : `Added more seasons of ${result.title} to its request`,
        request: toApiRequest(result.request),
      };
      return json(created, result.created ? 201 : 200);
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
      const { page, counts, followers, sources } = await requestPage(
        { media_type: q.media_type, status: q.status, limit, cursor: q.cursor },
        store,
      ).catch((err: unknown) => {
        if (err instanceof InvalidCursorError) throw validationFailed([{ path: ["cursor"], message: "Invalid cursor" }]);
        throw err;
      });
      const requests = page.requests.map((r, i) => ({ ...toApiRequest(r), followers: followers[i] ?? [], available_on: sources[i] ?? [] }));
      return json({ requests, next_cursor: page.next_cursor, counts } satisfies RequestsPage);
    })

    .get("/api/library-status", async (request: AppRequest) => {
      state.requireSession(request);
      return cachedRead(request, store, state.bodies, {
        shape: "library-status",
        headers: { "cache-control": "private, no-cache" },
        async build() {
          const { library, pending } = await libraryStatus(store);
          // Byte for byte JSON.stringify of a LibraryStatus, the long parts in chunks that yield.
          const shape: Omit<LibraryStatus, "requests"> = { library: { movie: library.movie, tv: library.tv } };
          return `${JSON.stringify(shape).slice(0, -1)},"requests":${await stringifyArray(pending, toApiRequest)}}`;
        },
      });
    });
};

function alreadyRequested(existing: StoredRequest): HttpError {
  return new HttpError(409, "already_requested", "This title has already been requested", {
    body: { request: toApiRequest(existing), follow_url: followPath(existing) },
  });
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
