/**
 * A fake Jellyfin server for the library sync (see `./media-server.ts` for the routes and shapes).
 * Auth as Jellyfin 12 by default: only `Authorization: MediaBrowser …, Token="…"` and `?ApiKey=`;
 * `legacyAuthorization: true` also takes `X-Emby-Token`, `X-MediaBrowser-Token` and `?api_key=`
 * (Jellyfin 10.11's default). No `/emby/` prefix: such paths are 404 as on a real Jellyfin.
 */
import { startMediaServerFake, type MediaServerFake, type MediaServerFakeOptions } from "./media-server.js";

export {
  generateLibraryItems,
  type FakeMediaItem,
  type FakeMediaLibrary,
  type MediaServerFake,
  type MediaServerFakeCall,
} from "./media-server.js";

export const startJellyfinFake = (opts: MediaServerFakeOptions): Promise<MediaServerFake> => startMediaServerFake("jellyfin", opts);
