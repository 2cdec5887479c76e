/**
 * Makes a SQLite file in the original Stellarr's Docker-backend layout (reference-original.md §5.1:
 * the tables its `database.py` creates, column for column), filled with `originalSqliteRows()` or
 * the rows given. Also a script:
 *
 *   node --import tsx testkit/src/original/sqlite.ts out/stellarr.db
 */
import { mkdirSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { originalSqliteRows, type OriginalSqliteRows } from "./dataset.js";

export const ORIGINAL_SQLITE_SCHEMA = `
  CREATE TABLE IF NOT EXISTS requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tmdb_id INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    title TEXT NOT NULL,
    year INTEGER,
    overview TEXT,
    poster_path TEXT,
    imdb_id TEXT,
    tvdb_id INTEGER,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    added_at TIMESTAMP,
    plex_guid TEXT,
    UNIQUE(tmdb_id, media_type)
  );
  CREATE TABLE IF NOT EXISTS library (
    tmdb_id INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    tvdb_id INTEGER,
    title TEXT,
    synced_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (tmdb_id, media_type)
  );
  CREATE TABLE IF NOT EXISTS plex_guid_cache (
    plex_guid TEXT PRIMARY KEY,
    show_tmdb_id INTEGER,
    show_tvdb_id INTEGER,
    cached_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
  );
  CREATE TABLE IF NOT EXISTS config (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
  );
`;

/** Writes a fresh file at `path` (replacing one that exists), in the original's default rollback-journal mode. */
export function writeOriginalSqlite(path: string, rows: OriginalSqliteRows = originalSqliteRows()): void {
  mkdirSync(dirname(path), { recursive: true });
  rmSync(path, { force: true });
  const db = new Database(path);
  try {
    db.exec(ORIGINAL_SQLITE_SCHEMA);
    const insert = (table: string, row: Record<string, unknown>) => {
      const columns = Object.keys(row);
      db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`).run(row);
    };
    db.transaction(() => {
      for (const table of ["requests", "library", "plex_guid_cache", "config"] as const) for (const row of rows[table]) insert(table, row);
    })();
  } finally {
    db.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write("usage: node --import tsx testkit/src/original/sqlite.ts OUT.db\n");
    process.exit(2);
  }
  writeOriginalSqlite(resolve(out));
  process.stdout.write(`wrote an original-layout SQLite file: ${resolve(out)}\n`);
}
