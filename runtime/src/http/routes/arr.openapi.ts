/** OpenAPI descriptions of `arr.ts` (each path also answers with a trailing slash, as the *arrs may send it). */
import * as z from "zod/mini";
import { ArrListQuery } from "../../contract/api/arr.js";
import { ArrProfileResource, ArrRootFolder, ArrTag, RadarrMovie, SonarrSeries } from "../../contract/api/arr.responses.js";
import { ARR_PATHS } from "../../contract/urls.js";
import { CACHE_CONTROL, ETAG, NOT_MODIFIED, type RouteDoc } from "../openapi/describe.js";

const LIST_NOTE =
  "Pending requests by default, newest first; `?status=all` keeps fulfilled ones. One store read, built once per change of the requests (its ETag follows the store's change token, 304 on `If-None-Match`); never cached on the way (`no-store`).";

interface ArrGet {
  path: string;
  summary: string;
  schema: z.ZodMiniType;
  description?: string;
  /** The movie and series lists take `?status=`. */
  list?: boolean;
  store?: boolean;
}

const docs = ({ path, summary, schema, description, list = false, store = true }: ArrGet): RouteDoc[] => [
  {
    method: "GET",
    path,
    tag: "arr",
    summary,
    ...(description ? { description } : {}),
    auth: "arr",
    ...(list ? { query: ArrListQuery } : {}),
    ...(list ? { paramNotes: { excludeLocalCovers: "Sent by Radarr (`True`); ignored whatever its value" } } : {}),
    ...(store ? {} : { store: false }),
    responses: list
      ? {
          200: { description: summary, schema: z.array(schema), headers: { etag: ETAG, "cache-control": CACHE_CONTROL } },
          304: NOT_MODIFIED,
        }
      : { 200: { description: summary, schema: z.array(schema), headers: { "cache-control": CACHE_CONTROL } } },
  },
];

const radarr = `${ARR_PATHS.radarr}/api/v3`;
const sonarr = `${ARR_PATHS.sonarr}/api/v3`;

export const arrRouteDocs: RouteDoc[] = [
  ...docs({
    path: `${radarr}/movie`,
    summary: "Movie requests as Radarr's “Radarr” import list reads them",
    description: `${LIST_NOTE} \`qualityProfileId\`, \`tags\` and \`rootFolderPath\` carry the request's profile, requester and anime flag for the list's filters.`,
    schema: RadarrMovie,
    list: true,
  }),
  ...docs({ path: `${radarr}/qualityprofile`, summary: "The quality profiles (Default, 4K)", schema: ArrProfileResource, store: false }),
  ...docs({ path: `${radarr}/tag`, summary: "The tags: `anime` and one per requester", schema: ArrTag }),
  ...docs({ path: `${radarr}/rootfolder`, summary: "The root folders (movies, anime)", schema: ArrRootFolder, store: false }),
  ...docs({
    path: `${sonarr}/series`,
    summary: "Show requests (with a TVDB id) as Sonarr's “Sonarr” import list reads them",
    description:
      `${LIST_NOTE} \`seasons\` marks exactly the requested seasons monitored (Sonarr's Sync Season Monitoring); ` +
      "a show asking for some seasons whose TMDB season list is not known yet is left out until the daily refresh.",
    schema: SonarrSeries,
    list: true,
  }),
  ...docs({ path: `${sonarr}/qualityprofile`, summary: "The quality profiles (Default, 4K)", schema: ArrProfileResource, store: false }),
  ...docs({ path: `${sonarr}/languageprofile`, summary: "The language profile (one)", schema: ArrProfileResource, store: false }),
  ...docs({ path: `${sonarr}/tag`, summary: "The tags: `anime` and one per requester", schema: ArrTag }),
  ...docs({ path: `${sonarr}/rootfolder`, summary: "The root folders (tv, anime)", schema: ArrRootFolder, store: false }),
];

export const arrNamedSchemas = [
  { schema: RadarrMovie, id: "RadarrMovie" },
  { schema: SonarrSeries, id: "SonarrSeries" },
];
