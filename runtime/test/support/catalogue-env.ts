/** Shared setup for the catalogue/request/feed API suites: a test app over a given store with a TMDB-fake-backed catalogue. */
import { createTmdbCatalogue } from "../../src/adapters/catalogue/tmdb/index.js";
import type { Config } from "../../src/config/types.js";
import type { Catalogue } from "../../src/ports/catalogue.js";
import { nullLogger } from "../../src/adapters/log/null-logger.js";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import type { StoreFactory } from "@stellarr/testkit/stores";
import { startTmdbFake, type TmdbFake } from "@stellarr/testkit/fakes/tmdb";

export interface CatalogueTestEnv {
  t: TestApp;
  fake: TmdbFake;
  catalogue: Catalogue;
  token: string;
  close(): Promise<void>;
}

export async function catalogueTestEnv(
  factory: StoreFactory,
  opts: { config?: Partial<Config>; fake?: TmdbFake; catalogue?: (fake: TmdbFake) => Catalogue } = {},
): Promise<CatalogueTestEnv> {
  const fake = opts.fake ?? (await startTmdbFake());
  const catalogue =
    opts.catalogue?.(fake) ?? createTmdbCatalogue({ apiKey: fake.apiKey, baseUrl: fake.url, logger: nullLogger, sleep: async () => {} });
  const { store, cleanup } = await factory.create();
  const t = await createTestApp({ store, catalogue, config: opts.config });
  return {
    t,
    fake,
    catalogue,
    token: t.login("alice"),
    async close() {
      await t.close();
      await cleanup();
      if (!opts.fake) await fake.close();
    },
  };
}

export const jsonOf = async (res: Response): Promise<any> => JSON.parse(await res.text());

export const REQUEST_FIELDS = [
  "tmdb_id",
  "media_type",
  "title",
  "year",
  "overview",
  "poster_path",
  "imdb_id",
  "tvdb_id",
  "requested_by",
  "created_at",
  "added_at",
  "plex_guid",
  "profile",
  "seasons",
].sort();
