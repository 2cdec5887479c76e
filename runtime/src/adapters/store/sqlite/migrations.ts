/**
 * Versioned, forward-only migrations (product.md §11), tracked in `PRAGMA user_version` and applied
 * at open in one transaction. A database newer than the code is refused, never touched.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: initial schema
  `
  CREATE TABLE requests (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    media_type   TEXT    NOT NULL CHECK (media_type IN ('movie', 'tv')),
    tmdb_id      INTEGER NOT NULL CHECK (tmdb_id > 0),
    title        TEXT,
    year         INTEGER,
    overview     TEXT,
    poster_path  TEXT,
    imdb_id      TEXT,
    tvdb_id      INTEGER,
    requested_by TEXT,
    created_at   TEXT    NOT NULL,
    added_at     TEXT,
    plex_guid    TEXT,
    UNIQUE (media_type, tmdb_id)
  );
  CREATE INDEX requests_pending ON requests (media_type, added_at, seq);

  -- The library is versioned by generation so a full resync can be staged and switched atomically.
  CREATE TABLE library_current (
    media_type TEXT PRIMARY KEY CHECK (media_type IN ('movie', 'tv')),
    generation INTEGER NOT NULL
  );
  INSERT INTO library_current (media_type, generation) VALUES ('movie', 1), ('tv', 2);
  CREATE TABLE generations (id INTEGER PRIMARY KEY AUTOINCREMENT);
  INSERT INTO generations (id) VALUES (1), (2);
  CREATE TABLE library (
    media_type TEXT    NOT NULL,
    generation INTEGER NOT NULL,
    tmdb_id    INTEGER NOT NULL,
    tvdb_id    INTEGER,
    title      TEXT,
    plex_guid  TEXT,
    PRIMARY KEY (media_type, generation, tmdb_id)
  ) WITHOUT ROWID;
  CREATE TABLE resyncs (
    sync_id      TEXT PRIMARY KEY,
    media_type   TEXT    NOT NULL,
    generation   INTEGER NOT NULL,
    opened_seq   INTEGER NOT NULL,
    opened_at    INTEGER NOT NULL,
    committed_at INTEGER,
    synced       INTEGER,
    removed      INTEGER
  );
  CREATE INDEX resyncs_open ON resyncs (media_type, committed_at);

  CREATE TABLE guid_cache (
    guid       TEXT PRIMARY KEY,
    media_type TEXT    NOT NULL,
    tmdb_id    INTEGER NOT NULL,
    tvdb_id    INTEGER
  ) WITHOUT ROWID;

  CREATE TABLE push_subscriptions (
    endpoint     TEXT PRIMARY KEY,
    owner        TEXT NOT NULL,
    p256dh       TEXT NOT NULL,
    auth         TEXT NOT NULL,
    locale       TEXT NOT NULL,
    vapid_key_id TEXT NOT NULL,
    created_at   TEXT NOT NULL
  );
  CREATE INDEX push_owner ON push_subscriptions (owner);

  CREATE TABLE challenges (
    id         TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX challenges_expiry ON challenges (expires_at);

  CREATE TABLE rate_limits (
    key      TEXT PRIMARY KEY,
    count    INTEGER NOT NULL,
    reset_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // 2: the change counter of requests + library (ports/store/changes.ts), bumped by triggers in the
  // writing statement's own transaction, so no write path, present or future, can forget it.
  // Resync staging bumps it too (a staged row is a library row): a spurious change only costs one
  // rebuild of the cached bodies.
  `
  CREATE TABLE changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
  );
  INSERT INTO changes (id, n) VALUES (1, 0);
  CREATE TRIGGER requests_insert_change AFTER INSERT ON requests BEGIN UPDATE changes SET n = n + 1 WHERE id = 1; END;
  CREATE TRIGGER requests_update_change AFTER UPDATE ON requests BEGIN UPDATE changes SET n = n + 1 WHERE id = 1; END;
  CREATE TRIGGER requests_delete_change AFTER DELETE ON requests BEGIN UPDATE changes SET n = n + 1 WHERE id = 1; END;
  CREATE TRIGGER library_insert_change AFTER INSERT ON library BEGIN UPDATE changes SET n = n + 1 WHERE id = 1; END;
  CREATE TRIGGER library_update_change AFTER UPDATE ON library BEGIN UPDATE changes SET n = n + 1 WHERE id = 1; END;
  CREATE TRIGGER library_delete_change AFTER DELETE ON library BEGIN UPDATE changes SET n = n + 1 WHERE id = 1; END;
  CREATE TRIGGER library_current_change AFTER UPDATE ON library_current BEGIN UPDATE changes SET n = n + 1 WHERE id = 1; END;

  -- The *arr lists read only these columns, newest first: covering indexes in seq order, so neither
  -- list sorts nor visits the table (status=all used the UNIQUE index and a temp B-tree).
  -- requests_pending_feed also serves what requests_pending did (same leading columns).
  CREATE INDEX requests_feed ON requests (media_type, seq, tmdb_id, title, year, imdb_id, tvdb_id, poster_path);
  CREATE INDEX requests_pending_feed ON requests (media_type, added_at, seq, tmdb_id, title, year, imdb_id, tvdb_id, poster_path);
  DROP INDEX requests_pending;
  `,
  // 3: *arr instance lists (issue #22). Older rows read as profile "default", all seasons, not
  // anime, TMDB seasons unknown (the daily refresh fills the last two in).
  `
  ALTER TABLE requests ADD COLUMN profile TEXT NOT NULL DEFAULT 'default' CHECK (profile IN ('default', '4k'));
  ALTER TABLE requests ADD COLUMN seasons TEXT;
  ALTER TABLE requests ADD COLUMN anime INTEGER NOT NULL DEFAULT 0 CHECK (anime IN (0, 1));
  ALTER TABLE requests ADD COLUMN tmdb_seasons TEXT;
  `,
  // 4: follows, personal notification channels, channel delivery claims and last deliveries (#24).
  `
  CREATE TABLE follows (
    media_type TEXT    NOT NULL,
    tmdb_id    INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    PRIMARY KEY (media_type, tmdb_id, name)
  ) WITHOUT ROWID;

  CREATE TABLE channels (
    id         TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    spec       TEXT NOT NULL,
    locale     TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX channels_owner ON channels (owner, created_at);

  CREATE TABLE delivery_claims (
    key        TEXT PRIMARY KEY,
    until      INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE delivery_status (
    channel_id TEXT PRIMARY KEY,
    status     TEXT NOT NULL,
    at         TEXT NOT NULL,
    error      TEXT
  ) WITHOUT ROWID;
  `,
  // 5: library sources (plex, jellyfin, emby). Each source keeps its own current generation per type;
  // the existing library becomes Plex's (its generations are kept, so nothing is copied) and the
  // two new sources start empty. Generation ids stay globally unique, so `library` is unchanged.
  `
  CREATE TABLE library_current_v2 (
    source     TEXT    NOT NULL CHECK (source IN ('plex', 'jellyfin', 'emby')),
    media_type TEXT    NOT NULL CHECK (media_type IN ('movie', 'tv')),
    generation INTEGER NOT NULL,
    PRIMARY KEY (source, media_type)
  ) WITHOUT ROWID;
  INSERT INTO library_current_v2 (source, media_type, generation) SELECT 'plex', media_type, generation FROM library_current;
  INSERT INTO generations DEFAULT VALUES;
  INSERT INTO library_current_v2 VALUES ('jellyfin', 'movie', last_insert_rowid());
  INSERT INTO generations DEFAULT VALUES;
  INSERT INTO library_current_v2 VALUES ('jellyfin', 'tv', last_insert_rowid());
  INSERT INTO generations DEFAULT VALUES;
  INSERT INTO library_current_v2 VALUES ('emby', 'movie', last_insert_rowid());
  INSERT INTO generations DEFAULT VALUES;
  INSERT INTO library_current_v2 VALUES ('emby', 'tv', last_insert_rowid());
  DROP TABLE library_current;
  ALTER TABLE library_current_v2 RENAME TO library_current;
  ALTER TABLE resyncs ADD COLUMN source TEXT NOT NULL DEFAULT 'plex';
  DROP INDEX resyncs_open;
  CREATE INDEX resyncs_open ON resyncs (source, media_type, committed_at);
  -- Dropping the old table dropped its trigger (migration 2): a commit of any source moves the change token.
  CREATE TRIGGER library_current_change AFTER UPDATE ON library_current BEGIN UPDATE changes SET n = n + 1 WHERE id = 1; END;
  CREATE TRIGGER library_current_insert_change AFTER INSERT ON library_current BEGIN UPDATE changes SET n = n + 1 WHERE id = 1; END;
  `,
  // 6: the titles a name follows (GET /api/follows, #24); the primary key starts with the title.
  `
  CREATE INDEX follows_by_name ON follows (name, media_type, tmdb_id);
  `,
];
