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
  // 2: library sources (plex, jellyfin, emby). Each source keeps its own current generation per type;
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
  `,
];
