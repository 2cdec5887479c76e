/**
 * SQLite adapter of the storage port (better-sqlite3 12): WAL, busy timeout, migrations at open.
 *
 * better-sqlite3 is synchronous, so every method runs to completion without interleaving; the
 * invariants (one request per title, single-use challenges, fixed rate-limit windows, atomic
 * resync commits) still come from constraints and transactions, not from that fact.
 * Every driver error that means "the store cannot serve now" (full disk, read-only file, locked,
 * I/O) becomes `StoreUnavailableError` → 503.
 */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import {
  InvalidCursorError,
  StoreUnavailableError,
  titleKey,
  type GuidMapping,
  type InsertResult,
  type LibraryItem,
  type ListRequestsQuery,
  type MediaType,
  type NewRequest,
  type PushSubscriptionRecord,
  type RateLimitWindow,
  type RequestCounts,
  type RequestPage,
  type RequestStatus,
  type ResyncBatchResult,
  type ResyncCommitResult,
  type Store,
  type StoredRequest,
  type TitleKey,
  type TitleStatus,
  type UpsertResult,
} from "../../../ports/store.js";
import { decodeSeqCursor, encodeSeqCursor } from "../cursor.js";
import { MIGRATIONS } from "./migrations.js";
import { errorMessage } from "../../../ports/logger.js";

export interface SqliteStoreOptions {
  /** Database file path, or ":memory:". */
  path: string;
  busyTimeoutMs?: number;
  /** Extra pragmas applied after migrations (tuning; tests use them to simulate a full or read-only disk). */
  pragmas?: string[];
}

/** Staged data of a resync that was never committed is dropped after this long (product.md §5.3). */
export const RESYNC_EXPIRY_MS = 24 * 60 * 60 * 1000;

const UNAVAILABLE_CODES = /^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN|NOTADB|CORRUPT|PERM|PROTOCOL)/;

type Row = Record<string, unknown>;

export function openDatabase(path: string, busyTimeoutMs = 5000): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    // The version first, before any pragma that writes (journal_mode = WAL rewrites the header and
    // creates -wal/-shm): a database from a newer Stellarr is refused untouched.
    refuseNewer(schemaVersion(db));
    db.pragma("journal_mode = WAL");
    // NORMAL in WAL mode: a committed transaction survives a process crash (SIGKILL); only an OS
    // crash or power loss can roll back the last commits. Documented in the README.
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

const schemaVersion = (db: Database.Database): number => db.pragma("user_version", { simple: true }) as number;

function refuseNewer(version: number): void {
  if (version > MIGRATIONS.length) {
    throw new Error(
      `Database schema version ${version} is newer than this Stellarr knows (${MIGRATIONS.length}); refusing to start. Upgrade Stellarr.`,
    );
  }
}

export function migrate(db: Database.Database): void {
  const current = schemaVersion(db);
  refuseNewer(current);
  if (current === MIGRATIONS.length) return;
  db.transaction(() => {
    for (let v = current; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

export function createSqliteStore(opts: SqliteStoreOptions): Store {
  let db: Database.Database;
  try {
    db = openDatabase(opts.path, opts.busyTimeoutMs);
    for (const p of opts.pragmas ?? []) db.pragma(p);
  } catch (err) {
    throw wrap(err);
  }
  const stats = { roundTrips: 0 };

  const st = {
    insertRequest: db.prepare(
      `INSERT INTO requests (media_type, tmdb_id, title, year, overview, poster_path, imdb_id, tvdb_id, requested_by, created_at, added_at, plex_guid)
       VALUES (@media_type, @tmdb_id, @title, @year, @overview, @poster_path, @imdb_id, @tvdb_id, @requested_by, @created_at, @added_at, @plex_guid)
       ON CONFLICT (media_type, tmdb_id) DO NOTHING RETURNING *`,
    ),
    getRequest: db.prepare(`SELECT * FROM requests WHERE media_type = ? AND tmdb_id = ?`),
    deleteRequest: db.prepare(`DELETE FROM requests WHERE media_type = ? AND tmdb_id = ?`),
    markAdded: db.prepare(
      `UPDATE requests SET added_at = ?, plex_guid = COALESCE(?, plex_guid)
       WHERE media_type = ? AND tmdb_id = ? AND added_at IS NULL RETURNING *`,
    ),
    setIds: db.prepare(
      `UPDATE requests SET imdb_id = COALESCE(imdb_id, @imdb_id), tvdb_id = COALESCE(tvdb_id, @tvdb_id)
       WHERE media_type = @media_type AND tmdb_id = @tmdb_id`,
    ),
    counts: db.prepare(
      `SELECT media_type, added_at IS NOT NULL AS added, COUNT(*) AS n FROM requests GROUP BY media_type, added_at IS NOT NULL`,
    ),
    generation: db.prepare(`SELECT generation FROM library_current WHERE media_type = ?`),
    // pluck: plain numbers instead of one object per row.
    libraryIds: db.prepare(`SELECT tmdb_id FROM library WHERE media_type = ? AND generation = ? ORDER BY tmdb_id`).pluck(),
    libraryGet: db.prepare(`SELECT * FROM library WHERE media_type = ? AND generation = ? AND tmdb_id = ?`),
    libraryPut: db.prepare(
      `INSERT INTO library (media_type, generation, tmdb_id, tvdb_id, title, plex_guid) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (media_type, generation, tmdb_id) DO UPDATE SET tvdb_id = excluded.tvdb_id, title = excluded.title, plex_guid = excluded.plex_guid`,
    ),
    openResyncGens: db.prepare(`SELECT generation FROM resyncs WHERE media_type = ? AND committed_at IS NULL AND opened_at > ?`),
    expiredResyncs: db.prepare(`SELECT sync_id, media_type, generation FROM resyncs WHERE committed_at IS NULL AND opened_at <= ?`),
    getResync: db.prepare(`SELECT * FROM resyncs WHERE sync_id = ?`),
    newGeneration: db.prepare(`INSERT INTO generations DEFAULT VALUES RETURNING id`),
    insertResync: db.prepare(`INSERT INTO resyncs (sync_id, media_type, generation, opened_seq, opened_at) VALUES (?, ?, ?, ?, ?)`),
    dropGeneration: db.prepare(`DELETE FROM library WHERE media_type = ? AND generation = ?`),
    deleteResync: db.prepare(`DELETE FROM resyncs WHERE sync_id = ?`),
    laterCommitted: db.prepare(`SELECT 1 FROM resyncs WHERE media_type = ? AND committed_at IS NOT NULL AND opened_seq > ? LIMIT 1`),
    countGeneration: db.prepare(`SELECT COUNT(*) AS n FROM library WHERE media_type = ? AND generation = ?`),
    countRemoved: db.prepare(
      `SELECT COUNT(*) AS n FROM library o WHERE o.media_type = ? AND o.generation = ?
       AND NOT EXISTS (SELECT 1 FROM library s WHERE s.media_type = o.media_type AND s.generation = ? AND s.tmdb_id = o.tmdb_id)`,
    ),
    setGeneration: db.prepare(`UPDATE library_current SET generation = ? WHERE media_type = ?`),
    commitResync: db.prepare(`UPDATE resyncs SET committed_at = ?, synced = ?, removed = ? WHERE sync_id = ?`),
    getGuid: db.prepare(`SELECT media_type, tmdb_id, tvdb_id FROM guid_cache WHERE guid = ?`),
    // An unchanged mapping is left alone (no page write).
    putGuid: db.prepare(
      `INSERT INTO guid_cache (guid, media_type, tmdb_id, tvdb_id) VALUES (?, ?, ?, ?)
       ON CONFLICT (guid) DO UPDATE SET media_type = excluded.media_type, tmdb_id = excluded.tmdb_id, tvdb_id = excluded.tvdb_id
       WHERE media_type IS NOT excluded.media_type OR tmdb_id IS NOT excluded.tmdb_id OR tvdb_id IS NOT excluded.tvdb_id`,
    ),
    getSub: db.prepare(`SELECT * FROM push_subscriptions WHERE endpoint = ?`),
    putSub: db.prepare(
      `INSERT INTO push_subscriptions (endpoint, owner, p256dh, auth, locale, vapid_key_id, created_at)
       VALUES (@endpoint, @owner, @p256dh, @auth, @locale, @vapid_key_id, @created_at)
       ON CONFLICT (endpoint) DO UPDATE SET owner = excluded.owner, p256dh = excluded.p256dh, auth = excluded.auth,
         locale = excluded.locale, vapid_key_id = excluded.vapid_key_id`,
    ),
    listSubs: db.prepare(`SELECT * FROM push_subscriptions WHERE owner = ? ORDER BY created_at, endpoint`),
    deleteSub: db.prepare(`DELETE FROM push_subscriptions WHERE endpoint = ?`),
    deleteSubOwned: db.prepare(`DELETE FROM push_subscriptions WHERE endpoint = ? AND owner = ?`),
    consumeChallenge: db.prepare(`INSERT INTO challenges (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`),
    purgeChallenges: db.prepare(`DELETE FROM challenges WHERE expires_at <= ?`),
    getRate: db.prepare(`SELECT count, reset_at FROM rate_limits WHERE key = ?`),
    putRate: db.prepare(
      `INSERT INTO rate_limits (key, count, reset_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET count = excluded.count, reset_at = excluded.reset_at`,
    ),
    clearRate: db.prepare(`DELETE FROM rate_limits WHERE key = ?`),
    // One row of each core table through the key the request paths use: a few cached page reads,
    // yet a table whose pages cannot be read fails it (SELECT 1 reads no table at all).
    ping: db.prepare(
      `SELECT
         (SELECT seq FROM requests ORDER BY seq DESC LIMIT 1),
         (SELECT seq FROM requests WHERE media_type = 'movie' AND tmdb_id = 1),
         (SELECT generation FROM library_current WHERE media_type = 'movie'),
         (SELECT tmdb_id FROM library LIMIT 1),
         (SELECT id FROM generations ORDER BY id DESC LIMIT 1),
         (SELECT generation FROM resyncs WHERE sync_id = ''),
         (SELECT tmdb_id FROM guid_cache WHERE guid = ''),
         (SELECT owner FROM push_subscriptions WHERE endpoint = ''),
         (SELECT expires_at FROM challenges WHERE id = ''),
         (SELECT count FROM rate_limits WHERE key = '')`,
    ),
  };

  /** One logical operation = one round trip; driver errors that mean "unavailable" become 503s. */
  const op = <T>(fn: () => T): Promise<T> => {
    stats.roundTrips++;
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(wrap(err));
    }
  };
  const tx = <T>(fn: () => T): T => db.transaction(fn).immediate();

  const currentGeneration = (mediaType: MediaType): number => (st.generation.get(mediaType) as { generation: number }).generation;

  const purgeExpiredResyncs = (nowMs: number): void => {
    for (const r of st.expiredResyncs.all(nowMs - RESYNC_EXPIRY_MS) as { sync_id: string; media_type: string; generation: number }[]) {
      st.dropGeneration.run(r.media_type, r.generation);
      st.deleteResync.run(r.sync_id);
    }
  };

  const writeLibrary = (mediaType: MediaType, generation: number, item: LibraryItem): { added: boolean; changed: boolean } => {
    const existing = st.libraryGet.get(mediaType, generation, item.tmdb_id) as Row | undefined;
    const next = {
      tvdb_id: item.tvdb_id === undefined ? ((existing?.tvdb_id as number | null) ?? null) : item.tvdb_id,
      title: item.title === undefined ? ((existing?.title as string | null) ?? null) : item.title,
      plex_guid: item.plex_guid === undefined ? ((existing?.plex_guid as string | null) ?? null) : item.plex_guid,
    };
    if (existing && existing.tvdb_id === next.tvdb_id && existing.title === next.title && existing.plex_guid === next.plex_guid) {
      return { added: false, changed: false };
    }
    st.libraryPut.run(mediaType, generation, item.tmdb_id, next.tvdb_id, next.title, next.plex_guid);
    return { added: !existing, changed: true };
  };

  let closed = false;

  return {
    kind: "sqlite",
    stats,

    ping: () => op(() => void st.ping.get()),
    async close() {
      if (closed) return;
      closed = true;
      try {
        db.pragma("wal_checkpoint(TRUNCATE)");
      } finally {
        db.close();
      }
    },

    insertRequest: (r: NewRequest) =>
      op((): InsertResult => {
        const row = st.insertRequest.get({ ...r, added_at: r.added_at ?? null, plex_guid: r.plex_guid ?? null }) as Row | undefined;
        if (row) return { inserted: true, request: toRequest(row) };
        return { inserted: false, existing: toRequest(st.getRequest.get(r.media_type, r.tmdb_id) as Row) };
      }),
    getRequest: (k: TitleKey) => op(() => nullableRequest(st.getRequest.get(k.media_type, k.tmdb_id) as Row | undefined)),
    deleteRequest: (k: TitleKey) => op(() => st.deleteRequest.run(k.media_type, k.tmdb_id).changes > 0),
    listRequests: (q: ListRequestsQuery) =>
      op((): RequestPage => {
        const before = q.cursor === undefined ? null : decodeSeqCursor(q.cursor);
        const { where, params } = filterSql(q.media_type, q.status);
        if (before !== null) {
          where.push("seq < ?");
          params.push(before);
        }
        const rows = db
          .prepare(`SELECT * FROM requests ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT ?`)
          .all(...params, q.limit + 1) as Row[];
        const page = rows.slice(0, q.limit).map(toRequest);
        return { requests: page, next_cursor: rows.length > q.limit ? encodeSeqCursor(page[page.length - 1]!.seq) : null };
      }),
    allRequests: (filter = {}) =>
      op(() => {
        const { where, params } = filterSql(filter.media_type, filter.status);
        return (
          db
            .prepare(`SELECT * FROM requests ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC`)
            .all(...params) as Row[]
        ).map(toRequest);
      }),
    countRequests: () =>
      op((): RequestCounts => {
        const counts: RequestCounts = { movie: { pending: 0, added: 0 }, tv: { pending: 0, added: 0 } };
        for (const r of st.counts.all() as { media_type: MediaType; added: number; n: number }[]) {
          counts[r.media_type][r.added ? "added" : "pending"] = r.n;
        }
        return counts;
      }),
    markAdded: (k, addedAt, plexGuid) =>
      op(() => nullableRequest(st.markAdded.get(addedAt, plexGuid, k.media_type, k.tmdb_id) as Row | undefined)),
    setExternalIds: (k, ids) =>
      op(() => {
        st.setIds.run({ media_type: k.media_type, tmdb_id: k.tmdb_id, imdb_id: ids.imdb_id ?? null, tvdb_id: ids.tvdb_id ?? null });
      }),

    titleStatus: (keys: TitleKey[]) =>
      op(() =>
        tx(() => {
          const out = new Map<string, TitleStatus>();
          const gens = { movie: currentGeneration("movie"), tv: currentGeneration("tv") };
          for (const k of keys) {
            const req = st.getRequest.get(k.media_type, k.tmdb_id) as Row | undefined;
            const lib = st.libraryGet.get(k.media_type, gens[k.media_type], k.tmdb_id);
            out.set(titleKey(k), { requested: !!req, pending: !!req && req.added_at === null, in_library: !!lib });
          }
          return out;
        }),
      ),

    libraryIds: (mediaType) => op(() => tx(() => st.libraryIds.all(mediaType, currentGeneration(mediaType)) as number[])),
    allLibraryIds: () =>
      op(() =>
        tx(() => ({
          movie: st.libraryIds.all("movie", currentGeneration("movie")) as number[],
          tv: st.libraryIds.all("tv", currentGeneration("tv")) as number[],
        })),
      ),
    upsertLibrary: (mediaType, items, nowMs, opts) =>
      op((): UpsertResult =>
        tx(() => {
          for (const { guid, mapping: m } of opts?.guids ?? []) st.putGuid.run(guid, m.media_type, m.tmdb_id, m.tvdb_id);
          const current = currentGeneration(mediaType);
          const staging = (st.openResyncGens.all(mediaType, nowMs - RESYNC_EXPIRY_MS) as { generation: number }[]).map((r) => r.generation);
          let added = 0;
          let changed = 0;
          for (const item of items) {
            const r = writeLibrary(mediaType, current, item);
            if (r.added) added++;
            if (r.changed) changed++;
            for (const g of staging) writeLibrary(mediaType, g, item);
          }
          return { added, changed };
        }),
      ),

    resyncBatch: (mediaType, syncId, items, nowMs) =>
      op((): ResyncBatchResult =>
        tx(() => {
          purgeExpiredResyncs(nowMs);
          let r = st.getResync.get(syncId) as Row | undefined;
          if (r && r.committed_at !== null) return { ok: false, reason: "committed" };
          if (r && r.media_type !== mediaType) return { ok: false, reason: "type_mismatch" };
          if (!r) {
            const generation = (st.newGeneration.get() as { id: number }).id;
            st.insertResync.run(syncId, mediaType, generation, generation, nowMs);
            r = { generation };
          }
          for (const item of items) writeLibrary(mediaType, r.generation as number, item);
          return { ok: true, staged: items.length };
        }),
      ),
    resyncCommit: (mediaType, syncId, opts) =>
      op((): ResyncCommitResult =>
        tx(() => {
          purgeExpiredResyncs(opts.nowMs);
          const r = st.getResync.get(syncId) as Row | undefined;
          if (!r) return { ok: false, reason: "unknown" };
          if (r.media_type !== mediaType) return { ok: false, reason: "type_mismatch" };
          if (r.committed_at !== null) {
            return { ok: true, synced: r.synced as number, removed: r.removed as number, repeated: true };
          }
          if (st.laterCommitted.get(mediaType, r.opened_seq)) return { ok: false, reason: "stale" };
          const generation = r.generation as number;
          const synced = (st.countGeneration.get(mediaType, generation) as { n: number }).n;
          if (synced === 0 && !opts.allowEmpty) return { ok: false, reason: "empty" };
          const previous = currentGeneration(mediaType);
          const removed = (st.countRemoved.get(mediaType, previous, generation) as { n: number }).n;
          st.setGeneration.run(generation, mediaType);
          st.dropGeneration.run(mediaType, previous);
          st.commitResync.run(opts.nowMs, synced, removed, syncId);
          return { ok: true, synced, removed, repeated: false };
        }),
      ),

    getGuid: (guid) =>
      op(() => {
        const r = st.getGuid.get(guid) as GuidMapping | undefined;
        return r ? { media_type: r.media_type, tmdb_id: r.tmdb_id, tvdb_id: r.tvdb_id ?? null } : null;
      }),
    putGuid: (guid, m) => op(() => void st.putGuid.run(guid, m.media_type, m.tmdb_id, m.tvdb_id)),

    putSubscription: (sub: PushSubscriptionRecord) =>
      op(() =>
        tx(() => {
          const existed = !!st.getSub.get(sub.endpoint);
          st.putSub.run(sub);
          return existed ? ("updated" as const) : ("created" as const);
        }),
      ),
    getSubscription: (endpoint) => op(() => (st.getSub.get(endpoint) as PushSubscriptionRecord | undefined) ?? null),
    listSubscriptions: (owner) => op(() => st.listSubs.all(owner) as PushSubscriptionRecord[]),
    deleteSubscription: (endpoint, owner) =>
      op(() => (owner === undefined ? st.deleteSub.run(endpoint) : st.deleteSubOwned.run(endpoint, owner)).changes > 0),

    consumeChallenge: (id, expiresAtMs, nowMs) =>
      op(() =>
        tx(() => {
          st.purgeChallenges.run(nowMs);
          return st.consumeChallenge.run(id, expiresAtMs).changes === 1;
        }),
      ),

    getRateLimit: (key, nowMs) =>
      op(() => {
        const r = st.getRate.get(key) as RateLimitWindow | undefined;
        return r && r.reset_at > nowMs ? { count: r.count, reset_at: r.reset_at } : null;
      }),
    hitRateLimit: (key, windowMs, nowMs) =>
      op(() =>
        tx((): RateLimitWindow => {
          const r = st.getRate.get(key) as RateLimitWindow | undefined;
          const next = r && r.reset_at > nowMs ? { count: r.count + 1, reset_at: r.reset_at } : { count: 1, reset_at: nowMs + windowMs };
          st.putRate.run(key, next.count, next.reset_at);
          return next;
        }),
      ),
    clearRateLimit: (key) => op(() => void st.clearRate.run(key)),
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

const nullableRequest = (row: Row | undefined): StoredRequest | null => (row ? toRequest(row) : null);

function toRequest(row: Row): StoredRequest {
  return {
    seq: row.seq as number,
    tmdb_id: row.tmdb_id as number,
    media_type: row.media_type as MediaType,
    title: (row.title as string | null) ?? null,
    year: (row.year as number | null) ?? null,
    overview: (row.overview as string | null) ?? null,
    poster_path: (row.poster_path as string | null) ?? null,
    imdb_id: (row.imdb_id as string | null) ?? null,
    tvdb_id: (row.tvdb_id as number | null) ?? null,
    requested_by: (row.requested_by as string | null) ?? null,
    created_at: row.created_at as string,
    added_at: (row.added_at as string | null) ?? null,
    plex_guid: (row.plex_guid as string | null) ?? null,
  };
}

function wrap(err: unknown): unknown {
  if (err instanceof InvalidCursorError || err instanceof StoreUnavailableError) return err;
  const code = (err as { code?: unknown })?.code;
  const message = errorMessage(err);
  if ((typeof code === "string" && UNAVAILABLE_CODES.test(code)) || /database connection is not open|disk I\/O/i.test(message)) {
    return new StoreUnavailableError(`SQLite unavailable (${typeof code === "string" ? code : "closed"})`, { cause: err });
  }
  return err;
}
