/** The GUID cache on SQLite: one `guid_cache` row per guid. */
import type { GuidCacheStore, GuidMapping } from "../../../ports/store/guid-cache.js";
import type { MediaType } from "../../../ports/store/index.js";
import type { SqliteContext } from "./database.js";

export function prepareGuidStatements({ db }: SqliteContext) {
  return {
    get: db.prepare<[guid: string], GuidMapping>(`SELECT media_type, tmdb_id, tvdb_id FROM guid_cache WHERE guid = ?`),
    // An unchanged mapping is left alone (no page write).
    put: db.prepare<[guid: string, media_type: MediaType, tmdb_id: number, tvdb_id: number | null]>(
      `INSERT INTO guid_cache (guid, media_type, tmdb_id, tvdb_id) VALUES (?, ?, ?, ?)
       ON CONFLICT (guid) DO UPDATE SET media_type = excluded.media_type, tmdb_id = excluded.tmdb_id, tvdb_id = excluded.tvdb_id
       WHERE media_type IS NOT excluded.media_type OR tmdb_id IS NOT excluded.tmdb_id OR tvdb_id IS NOT excluded.tvdb_id`,
    ),
  };
}

export function createSqliteGuidCache(ctx: SqliteContext): GuidCacheStore {
  const st = prepareGuidStatements(ctx);
  return {
    getGuid: (guid) =>
      ctx.op(() => {
        const r = st.get.get(guid);
        return r ? { media_type: r.media_type, tmdb_id: r.tmdb_id, tvdb_id: r.tvdb_id ?? null } : null;
      }),
    putGuid: (guid, m) => ctx.op(() => void st.put.run(guid, m.media_type, m.tmdb_id, m.tvdb_id)),
  };
}
