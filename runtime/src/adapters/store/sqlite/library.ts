/**
 * The library on SQLite, versioned by generation so a full resync is staged in a fresh generation
 * and switched by one UPDATE of `library_current` in the commit's transaction (product.md §5.3).
 */
import { inSourceOrder } from "../../../domain/library/sources.js";
import { titleKey } from "../../../domain/titles/key.js";
import type { MediaType } from "../../../ports/store/index.js";
import type {
  LibraryItem,
  LibrarySourceName,
  LibraryStore,
  ResyncBatchResult,
  ResyncCommitResult,
  UpsertResult,
} from "../../../ports/store/library.js";
import type { SqliteContext } from "./database.js";
import { prepareGuidStatements } from "./guid-cache.js";

/** Staged data of a resync that was never committed is dropped after this long (product.md §5.3). */
export const RESYNC_EXPIRY_MS = 24 * 60 * 60 * 1000;

interface LibraryRow {
  media_type: MediaType;
  generation: number;
  tmdb_id: number;
  tvdb_id: number | null;
  title: string | null;
  plex_guid: string | null;
}

interface ResyncRow {
  sync_id: string;
  source: LibrarySourceName;
  media_type: MediaType;
  generation: number;
  opened_seq: number;
  opened_at: number;
  committed_at: number | null;
  synced: number | null;
  removed: number | null;
}

type TypeGen = [media_type: MediaType, generation: number];

/**
 * Which sources' current libraries hold the titles given as one JSON array of [media_type, tmdb_id]
 * pairs (the requests page's `available_on`). CROSS JOIN fixes the join order — the keys, then each
 * source's current generation, then one primary-key lookup — so the cost follows the page, not the
 * size of the library (a test reads the plan).
 */
export const SOURCES_OF_SQL = `SELECT l.media_type, l.tmdb_id, c.source
  FROM json_each(?) AS k
 CROSS JOIN library_current AS c
 CROSS JOIN library AS l
 WHERE c.media_type = json_extract(k.value, '$[0]')
   AND l.media_type = c.media_type AND l.generation = c.generation AND l.tmdb_id = json_extract(k.value, '$[1]')`;

export function prepareLibraryStatements({ db }: SqliteContext) {
  const generation = db.prepare<[source: LibrarySourceName, media_type: MediaType], { generation: number }>(
    `SELECT generation FROM library_current WHERE source = ? AND media_type = ?`,
  );
  return {
    /** The generation the library of that source and type currently is. */
    currentGeneration: (mediaType: MediaType, source: LibrarySourceName = "plex"): number => generation.get(source, mediaType)!.generation,
    // pluck: plain numbers instead of one object per row.
    libraryIds: db.prepare<TypeGen, number>(`SELECT tmdb_id FROM library WHERE media_type = ? AND generation = ? ORDER BY tmdb_id`).pluck(),
    /** The union over every source's current generation ("in library"). */
    unionIds: db
      .prepare<[media_type: MediaType], number>(
        `SELECT DISTINCT l.tmdb_id FROM library_current c JOIN library l ON l.media_type = c.media_type AND l.generation = c.generation
         WHERE c.media_type = ? ORDER BY l.tmdb_id`,
      )
      .pluck(),
    /** Whether any source's current library has the title. */
    inAnyLibrary: db
      .prepare<[tmdb_id: number, media_type: MediaType], number>(
        `SELECT 1 FROM library_current c JOIN library l ON l.media_type = c.media_type AND l.generation = c.generation AND l.tmdb_id = ?
         WHERE c.media_type = ? LIMIT 1`,
      )
      .pluck(),
    sourcesOf: db.prepare<[keys: string], { media_type: MediaType; tmdb_id: number; source: LibrarySourceName }>(SOURCES_OF_SQL),
    libraryGet: db.prepare<[...TypeGen, tmdb_id: number], LibraryRow>(
      `SELECT * FROM library WHERE media_type = ? AND generation = ? AND tmdb_id = ?`,
    ),
    libraryPut: db.prepare<[...TypeGen, tmdb_id: number, tvdb_id: number | null, title: string | null, plex_guid: string | null]>(
      `INSERT INTO library (media_type, generation, tmdb_id, tvdb_id, title, plex_guid) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (media_type, generation, tmdb_id) DO UPDATE SET tvdb_id = excluded.tvdb_id, title = excluded.title, plex_guid = excluded.plex_guid`,
    ),
  };
}

export function createSqliteLibrary(ctx: SqliteContext): LibraryStore {
  const { db, op, tx } = ctx;
  const lib = prepareLibraryStatements(ctx);
  const guids = prepareGuidStatements(ctx);
  const st = {
    openResyncGens: db
      .prepare<[source: LibrarySourceName, media_type: MediaType, openedAfter: number], number>(
        `SELECT generation FROM resyncs WHERE source = ? AND media_type = ? AND committed_at IS NULL AND opened_at > ?`,
      )
      .pluck(),
    expiredResyncs: db.prepare<[openedBefore: number], Pick<ResyncRow, "sync_id" | "media_type" | "generation">>(
      `SELECT sync_id, media_type, generation FROM resyncs WHERE committed_at IS NULL AND opened_at <= ?`,
    ),
    getResync: db.prepare<[sync_id: string], ResyncRow>(`SELECT * FROM resyncs WHERE sync_id = ?`),
    newGeneration: db.prepare<[], { id: number }>(`INSERT INTO generations DEFAULT VALUES RETURNING id`),
    insertResync: db.prepare<[sync_id: string, source: LibrarySourceName, ...TypeGen, opened_seq: number, opened_at: number]>(
      `INSERT INTO resyncs (sync_id, source, media_type, generation, opened_seq, opened_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    dropGeneration: db.prepare<TypeGen>(`DELETE FROM library WHERE media_type = ? AND generation = ?`),
    deleteResync: db.prepare<[sync_id: string]>(`DELETE FROM resyncs WHERE sync_id = ?`),
    laterCommitted: db.prepare<[source: LibrarySourceName, media_type: MediaType, opened_seq: number]>(
      `SELECT 1 FROM resyncs WHERE source = ? AND media_type = ? AND committed_at IS NOT NULL AND opened_seq > ? LIMIT 1`,
    ),
    countGeneration: db.prepare<TypeGen, { n: number }>(`SELECT COUNT(*) AS n FROM library WHERE media_type = ? AND generation = ?`),
    countRemoved: db.prepare<[...TypeGen, staged: number], { n: number }>(
      `SELECT COUNT(*) AS n FROM library o WHERE o.media_type = ? AND o.generation = ?
       AND NOT EXISTS (SELECT 1 FROM library s WHERE s.media_type = o.media_type AND s.generation = ? AND s.tmdb_id = o.tmdb_id)`,
    ),
    setGeneration: db.prepare<[generation: number, source: LibrarySourceName, media_type: MediaType]>(
      `UPDATE library_current SET generation = ? WHERE source = ? AND media_type = ?`,
    ),
    commitResync: db.prepare<[committed_at: number, synced: number, removed: number, sync_id: string]>(
      `UPDATE resyncs SET committed_at = ?, synced = ?, removed = ? WHERE sync_id = ?`,
    ),
  };

  const purgeExpiredResyncs = (nowMs: number): void => {
    for (const r of st.expiredResyncs.all(nowMs - RESYNC_EXPIRY_MS)) {
      st.dropGeneration.run(r.media_type, r.generation);
      st.deleteResync.run(r.sync_id);
    }
  };

  const writeLibrary = (mediaType: MediaType, generation: number, item: LibraryItem): { added: boolean; changed: boolean } => {
    const existing = lib.libraryGet.get(mediaType, generation, item.tmdb_id);
    const next = {
      tvdb_id: item.tvdb_id === undefined ? (existing?.tvdb_id ?? null) : item.tvdb_id,
      title: item.title === undefined ? (existing?.title ?? null) : item.title,
      plex_guid: item.plex_guid === undefined ? (existing?.plex_guid ?? null) : item.plex_guid,
    };
    if (existing && existing.tvdb_id === next.tvdb_id && existing.title === next.title && existing.plex_guid === next.plex_guid) {
      return { added: false, changed: false };
    }
    lib.libraryPut.run(mediaType, generation, item.tmdb_id, next.tvdb_id, next.title, next.plex_guid);
    return { added: !existing, changed: true };
  };

  return {
    libraryIds: (mediaType, source) =>
      op(() => tx(() => (source ? lib.libraryIds.all(mediaType, lib.currentGeneration(mediaType, source)) : lib.unionIds.all(mediaType)))),
    allLibraryIds: () => op(() => tx(() => ({ movie: lib.unionIds.all("movie"), tv: lib.unionIds.all("tv") }))),
    async librarySources(keys) {
      if (keys.length === 0) return [];
      const rows = await op(() => lib.sourcesOf.all(JSON.stringify(keys.map((k) => [k.media_type, k.tmdb_id]))));
      const held = new Map<string, LibrarySourceName[]>();
      for (const row of rows) {
        const key = titleKey(row);
        held.set(key, [...(held.get(key) ?? []), row.source]);
      }
      // A title listed twice in `keys` joins twice; inSourceOrder drops the repeats.
      return keys.map((k) => inSourceOrder(held.get(titleKey(k)) ?? []));
    },
    upsertLibrary: (mediaType, items, nowMs, opts) =>
      op((): UpsertResult =>
        tx(() => {
          for (const { guid, mapping: m } of opts?.guids ?? []) guids.put.run(guid, m.media_type, m.tmdb_id, m.tvdb_id);
          const source = opts?.source ?? "plex";
          const current = lib.currentGeneration(mediaType, source);
          const staging = st.openResyncGens.all(source, mediaType, nowMs - RESYNC_EXPIRY_MS);
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

    resyncBatch: (mediaType, syncId, items, nowMs, opts) =>
      op((): ResyncBatchResult =>
        tx(() => {
          purgeExpiredResyncs(nowMs);
          const source = opts?.source ?? "plex";
          const r = st.getResync.get(syncId);
          if (r && r.committed_at !== null) return { ok: false, reason: "committed" };
          if (r && (r.media_type !== mediaType || r.source !== source)) return { ok: false, reason: "type_mismatch" };
          let generation = r?.generation;
          if (generation === undefined) {
            generation = st.newGeneration.get()!.id;
            st.insertResync.run(syncId, source, mediaType, generation, generation, nowMs);
          }
          for (const item of items) writeLibrary(mediaType, generation, item);
          return { ok: true, staged: items.length };
        }),
      ),
    resyncCommit: (mediaType, syncId, opts) =>
      op((): ResyncCommitResult =>
        tx(() => {
          purgeExpiredResyncs(opts.nowMs);
          const source = opts.source ?? "plex";
          const r = st.getResync.get(syncId);
          if (!r) return { ok: false, reason: "unknown" };
          if (r.media_type !== mediaType || r.source !== source) return { ok: false, reason: "type_mismatch" };
          if (r.committed_at !== null) {
            return { ok: true, synced: r.synced ?? 0, removed: r.removed ?? 0, repeated: true };
          }
          if (st.laterCommitted.get(source, mediaType, r.opened_seq)) return { ok: false, reason: "stale" };
          const generation = r.generation;
          const synced = st.countGeneration.get(mediaType, generation)!.n;
          if (synced === 0 && !opts.allowEmpty) return { ok: false, reason: "empty" };
          const previous = lib.currentGeneration(mediaType, source);
          const removed = st.countRemoved.get(mediaType, previous, generation)!.n;
          st.setGeneration.run(generation, source, mediaType);
          st.dropGeneration.run(mediaType, previous);
          st.commitResync.run(opts.nowMs, synced, removed, syncId);
          return { ok: true, synced, removed, repeated: false };
        }),
      ),
  };
}
