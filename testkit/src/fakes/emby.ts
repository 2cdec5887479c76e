/**
 * A fake Emby server for the library sync: the same API family as the Jellyfin fake
 * (`./media-server.ts`) with Emby's differences: the API answers under `/emby/` as well as at the
 * root; the token may come as `X-Emby-Token`, `X-MediaBrowser-Token`, `X-Emby-Authorization` /
 * `Authorization` (`Emby` or `MediaBrowser` scheme), `?api_key=` or `?ApiKey=`; item ids are
 * numbers in strings; a refused token gets a line of text with its 401. Emby is not open source:
 * these follow published clients and captures, not its code.
 */
import { startMediaServerFake, type MediaServerFake, type MediaServerFakeOptions } from "./media-server.js";

export {
  generateLibraryItems,
  type FakeMediaItem,
  type FakeMediaLibrary,
  type MediaServerFake,
  type MediaServerFakeCall,
} from "./media-server.js";

export const startEmbyFake = (opts: Omit<MediaServerFakeOptions, "legacyAuthorization">): Promise<MediaServerFake> =>
  startMediaServerFake("emby", opts);
