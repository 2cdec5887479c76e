/**
 * The original Stellarr's SQLite file (its Docker backend), opened read-only: the importer never
 * writes to it, not even a journal-mode change.
 */
import Database from "better-sqlite3";
import { ORIGINAL_SQLITE_TABLES, collectSqliteRow } from "../../domain/import-original/sqlite-layout.js";
import type { OriginalSource } from "../../app/import-original/source.js";

export function originalSqliteSource(path: string): OriginalSource {
  return {
    label: `the original's SQLite file ${path}`,
    async read(collector, onProgress) {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
        if (tables.has("library_current")) throw new Error(`${path} is a database of this Stellarr, not of the original`);
        if (!tables.has("requests")) throw new Error(`${path} has no "requests" table: not the original Stellarr's database`);
        const present = ORIGINAL_SQLITE_TABLES.filter((t) => tables.has(t));
        const total = present.reduce((n, t) => n + (db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number), 0);
        let done = 0;
        for (const table of present) {
          // Integers as bigints: an out-of-range id is reported, never silently rounded.
          const rows = db.prepare(`SELECT * FROM "${table}"`).safeIntegers(true);
          for (const row of rows.iterate() as IterableIterator<Record<string, unknown>>) {
            collectSqliteRow(table, row, collector);
            onProgress(++done, total);
          }
        }
      } finally {
        db.close();
      }
    },
  };
}
