/**
 * A catalogue whose module is loaded and whose instance is built on first use. The embedded server
 * uses it for the demo catalogue: its ~60 KB of title data and the indexes built from it (~5 ms)
 * are not needed before the first search, trending run or title lookup, so start-up skips them.
 * A failed load is retried on the next call.
 */
import type { Catalogue } from "../../ports/catalogue.js";

export function lazyCatalogue(kind: Catalogue["kind"], load: () => Promise<Catalogue>): Catalogue {
  let loading: Promise<Catalogue> | null = null;
  const get = (): Promise<Catalogue> =>
    (loading ??= load().catch((err: unknown) => {
      loading = null;
      throw err;
    }));
  return {
    kind,
    search: async (query) => (await get()).search(query),
    details: async (mediaType, id, language) => (await get()).details(mediaType, id, language),
    find: async (externalId, source) => (await get()).find(externalId, source),
    trending: async (type, page, language) => (await get()).trending(type, page, language),
  };
}
