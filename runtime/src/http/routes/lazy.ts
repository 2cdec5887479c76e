/**
 * The route modules that load on first use (`../lazy-routes.ts`): webhooks, library sync and the
 * *arr lists are called by machines every few minutes at most, the follows list once per page load,
 * the channels page rarely, so their code (Plex payload parsing, multipart, library ingestion, the
 * *arr renderers, channel validation) is not paid for by every cold start.
 * Each list must equal what its module registers (`lazy-routes.test.ts` checks).
 */
import {
  ARR_PATHS,
  CHANNELS_PATH,
  EMBY_WEBHOOK_PATH,
  FOLLOWS_PATH,
  JELLYFIN_WEBHOOK_PATH,
  SYNC_COMMIT_PATH,
  SYNC_PATH,
  WEBHOOK_PATH,
} from "../../contract/urls.js";
import { lazyRouteModule, type RouteSpec } from "../lazy-routes.js";
import type { RouteModule } from "../router.js";

const get = (path: string): RouteSpec => ({ method: "GET", path });
const radarr = `${ARR_PATHS.radarr}/api/v3`;
const sonarr = `${ARR_PATHS.sonarr}/api/v3`;

export const LAZY_ROUTE_MODULES: Record<string, { routes: readonly RouteSpec[]; load: () => Promise<RouteModule> }> = {
  arr: {
    routes: [
      ...["movie", "qualityprofile", "tag", "rootfolder"].map((p) => get(`${radarr}/${p}`)),
      ...["series", "qualityprofile", "languageprofile", "tag", "rootfolder"].map((p) => get(`${sonarr}/${p}`)),
    ],
    load: () => import("./arr.js").then((m) => m.registerArrRoutes),
  },
  // The channels page: visited when a channel is added, tested or removed.
  channels: {
    routes: [
      get(CHANNELS_PATH),
      { method: "POST", path: CHANNELS_PATH },
      { method: "DELETE", path: `${CHANNELS_PATH}/:id` },
      { method: "POST", path: `${CHANNELS_PATH}/:id/test` },
    ],
    load: () => import("./channels.js").then((m) => m.registerChannelRoutes),
  },
  // Read once per page load and sign-in: its code (and the per-name store read) stays off the cold start.
  "follows-list": {
    routes: [get(FOLLOWS_PATH)],
    load: () => import("./follows-list.js").then((m) => m.registerFollowsListRoutes),
  },
  plex: {
    routes: [{ method: "POST", path: WEBHOOK_PATH }],
    load: () => import("./plex.js").then((m) => m.registerPlexRoutes),
  },
  "media-servers": {
    routes: [
      { method: "POST", path: JELLYFIN_WEBHOOK_PATH },
      { method: "POST", path: EMBY_WEBHOOK_PATH },
    ],
    load: () => import("./media-servers.js").then((m) => m.registerMediaServerRoutes),
  },
  sync: {
    routes: [
      { method: "POST", path: SYNC_PATH },
      { method: "POST", path: SYNC_COMMIT_PATH },
    ],
    load: () => import("./sync.js").then((m) => m.registerSyncRoutes),
  },
};

export const lazyRouteModules: RouteModule[] = Object.values(LAZY_ROUTE_MODULES).map(({ routes, load }) => lazyRouteModule(routes, load));
