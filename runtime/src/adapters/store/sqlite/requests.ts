/** Requests on SQLite: the `requests` table, `seq` (AUTOINCREMENT) giving the newest-first order. */
import { encodeSeasons } from "../../../domain/arr/seasons.js";
import type { MediaType } from "../../../ports/store/index.js";
import type { FeedEntry, RequestCounts, RequestStatus, RequestStore, StoredRequest } from "../../../ports/store/requests.js";
import { toApiRequest } from "../../../domain/requests/shape.js";
import { decodeSeqCursor, encodeSeqCursor } from "../cursor.js";
import { decodeArrFields, encodeArrFields, encodeTmdbSeasons, type StoredArrFields } from "../request-arr-fields.js";
import type { SqliteContext } from "./database.js";

/** A `requests` row, exactly as the schema stores it. */
export type RequestRow = Omit<StoredRequest, keyof StoredArrFields> & Omit<StoredArrFields, "anime"> & { anime: 0 | 1 };
type InsertRow = Omit<RequestRow, "seq">;

type Key = [media_type: MediaType, tmdb_id: number];

const FEED_COLUMNS = "seq, tmdb_id, title, year, imdb_id, tvdb_id, poster_path";
/** The *arr lists' reads. Both walk a covering index in `seq` order (migration 2): no table visit, no sort. */
export const FEED_SQL = {
  all: `SELECT ${FEED_COLUMNS} FROM requests INDEXED BY requests_feed WHERE media_type = ? ORDER BY seq DESC`,
  pending: `SELECT ${FEED_COLUMNS} FROM requests INDEXED BY requests_pending_feed WHERE media_type = ? AND added_at IS NULL ORDER BY seq DESC`,
};

export function prepareRequestStatements({ db }: SqliteContext) {
  return {
    insert: db.prepare<InsertRow, RequestRow>(
      `INSERT INTO requests (media_type, tmdb_id, title, year, overview, poster_path, imdb_id, tvdb_id, requested_by, created_at, added_at, plex_guid,
                             profile, seasons, anime, tmdb_seasons)
       VALUES (@media_type, @tmdb_id, @title, @year, @overview, @poster_path, @imdb_id, @tvdb_id, @requested_by, @created_at, @added_at, @plex_guid,
               @profile, @seasons, @anime, @tmdb_seasons)
       ON CONFLICT (media_type, tmdb_id) DO NOTHING RETURNING *`,
    ),
    // Old TV rows have no seasons text: they mean "all".
    updateSeasons: db.prepare<{ tmdb_id: number; expected: string; seasons: string; tmdb_seasons: string | null }, RequestRow>(
      `UPDATE requests SET seasons = @seasons, tmdb_seasons = @tmdb_seasons
       WHERE media_type = 'tv' AND tmdb_id = @tmdb_id AND added_at IS NULL AND COALESCE(seasons, 'all') = @expected RETURNING *`,
    ),
    setArrFacts: db.prepare<{ media_type: MediaType; tmdb_id: number; anime: 0 | 1; tmdb_seasons: string | null }>(
      `UPDATE requests SET anime = @anime, tmdb_seasons = COALESCE(@tmdb_seasons, tmdb_seasons) WHERE media_type = @media_type AND tmdb_id = @tmdb_id`,
    ),
    get: db.prepare<Key, RequestRow>(`SELECT * FROM requests WHERE media_type = ? AND tmdb_id = ?`),
    delete: db.prepare<Key>(`DELETE FROM requests WHERE media_type = ? AND tmdb_id = ?`),
    markAdded: db.prepare<[addedAt: string, plexGuid: string | null, ...Key], RequestRow>(
      `UPDATE requests SET added_at = ?, plex_guid = COALESCE(?, plex_guid)
       WHERE media_type = ? AND tmdb_id = ? AND added_at IS NULL RETURNING *`,
    ),
    setIds: db.prepare<{ media_type: MediaType; tmdb_id: number; imdb_id: string | null; tvdb_id: number | null }>(
      `UPDATE requests SET imdb_id = COALESCE(imdb_id, @imdb_id), tvdb_id = COALESCE(tvdb_id, @tvdb_id)
       WHERE media_type = @media_type AND tmdb_id = @tmdb_id`,
    ),
    feedAll: db.prepare<[media_type: MediaType], FeedEntry>(FEED_SQL.all),
    feedPending: db.prepare<[media_type: MediaType], FeedEntry>(FEED_SQL.pending),
    counts: db.prepare<[], { media_type: MediaType; added: number; n: number }>(
      `SELECT media_type, added_at IS NOT NULL AS added, COUNT(*) AS n FROM requests GROUP BY media_type, added_at IS NOT NULL`,
    ),
  };
}

export function createSqliteRequests(ctx: SqliteContext): RequestStore {
  const { db, op } = ctx;
  const st = prepareRequestStatements(ctx);

  /** Newest first, with the filter's conditions (and any extra ones the caller adds). */
  const select = (
    filter: { media_type?: MediaType; status?: RequestStatus },
    extra: { where: string; param: unknown } | null,
    limit: number | null,
  ) => {
    const { where, params } = filterSql(filter.media_type, filter.status);
    if (extra) {
      where.push(extra.where);
      params.push(extra.param);
    }
    if (limit !== null) params.push(limit);
    return db
      .prepare<unknown[], RequestRow>(
        `SELECT * FROM requests ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC${limit !== null ? " LIMIT ?" : ""}`,
      )
      .all(...params)
      .map(toRequest);
  };

  return {
    insertRequest: (r) =>
      op(() => {
        const arr = encodeArrFields(r);
        const row = st.insert.get({
          tmdb_id: r.tmdb_id,
          media_type: r.media_type,
          title: r.title,
          year: r.year,
          overview: r.overview,
          poster_path: r.poster_path,
          imdb_id: r.imdb_id,
          tvdb_id: r.tvdb_id,
          requested_by: r.requested_by,
          created_at: r.created_at,
          added_at: r.added_at ?? null,
          plex_guid: r.plex_guid ?? null,
          ...arr,
          anime: arr.anime ? 1 : 0,
        });
        if (row) return { inserted: true as const, request: toRequest(row) };
        return { inserted: false as const, existing: toRequest(st.get.get(r.media_type, r.tmdb_id)!) };
      }),
    getRequest: (k) => op(() => nullableRequest(st.get.get(k.media_type, k.tmdb_id))),
    deleteRequest: (k) => op(() => st.delete.run(k.media_type, k.tmdb_id).changes > 0),
    listRequests: (q) =>
      op(() => {
        const before = q.cursor === undefined ? null : decodeSeqCursor(q.cursor);
        const rows = select(q, before === null ? null : { where: "seq < ?", param: before }, q.limit + 1);
        const page = rows.slice(0, q.limit);
        return { requests: page, next_cursor: rows.length > q.limit ? encodeSeqCursor(page[page.length - 1]!.seq) : null };
      }),
    allRequests: (filter = {}) => op(() => select(filter, null, null)),
    feedEntries: (filter) => op(() => (filter.status === "pending" ? st.feedPending : st.feedAll).all(filter.media_type)),
    countRequests: () =>
      op((): RequestCounts => {
        const counts: RequestCounts = { movie: { pending: 0, added: 0 }, tv: { pending: 0, added: 0 } };
        for (const r of st.counts.all()) counts[r.media_type][r.added ? "added" : "pending"] = r.n;
        return counts;
      }),
    markAdded: (k, addedAt, plexGuid) => op(() => nullableRequest(st.markAdded.get(addedAt, plexGuid, k.media_type, k.tmdb_id))),
    setExternalIds: (k, ids) =>
      op(() => {
        st.setIds.run({ media_type: k.media_type, tmdb_id: k.tmdb_id, imdb_id: ids.imdb_id ?? null, tvdb_id: ids.tvdb_id ?? null });
      }),
    updateSeasons: (k, u) =>
      op(() => {
        if (k.media_type !== "tv") return null;
        const row = st.updateSeasons.get({
          tmdb_id: k.tmdb_id,
          expected: encodeSeasons(u.expected),
          seasons: encodeSeasons(u.seasons),
          tmdb_seasons: encodeTmdbSeasons(u.tmdb_seasons),
        });
        return nullableRequest(row);
      }),
    setArrFacts: (k, facts) =>
      op(() => {
        st.setArrFacts.run({ ...k, anime: facts.anime ? 1 : 0, tmdb_seasons: encodeTmdbSeasons(facts.tmdb_seasons) });
      }),
  };
}

function filterSql(mediaType?: MediaType, status?: RequestStatus): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (mediaType) {
    where.push("media_type = ?");
    params.push(mediaType);
  }
  if (status === "pending") where.push("added_at IS NULL");
  if (status === "added") where.push("added_at IS NOT NULL");
  return { where, params };
}

const nullableRequest = (row: RequestRow | undefined): StoredRequest | null => (row ? toRequest(row) : null);

/** A fresh object with exactly the port's fields (the row object is the driver's). */
const toRequest = (row: RequestRow): StoredRequest => {
  const arr = decodeArrFields(row.media_type, row);
  return { seq: row.seq, ...toApiRequest({ ...row, ...arr }), anime: arr.anime, tmdb_seasons: arr.tmdb_seasons };
};
