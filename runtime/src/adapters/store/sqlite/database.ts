/**
 * Opening the SQLite database (better-sqlite3 12): WAL, busy timeout, migrations at open, and the
 * mapping of driver errors that mean "the store cannot serve now" (full disk, read-only file,
 * locked, I/O) to `StoreUnavailableError` → 503. Every per-kind module runs its statements
 * through one `SqliteContext`, which counts round trips the same way for all of them.
 */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { InvalidCursorError, StoreUnavailableError, type StoreStats } from "../../../ports/store/index.js";
import { errorMessage } from "../../../lib/errors.js";
import { MIGRATIONS } from "./migrations.js";

const UNAVAILABLE_CODES = /^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN|NOTADB|CORRUPT|PERM|PROTOCOL)/;

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

/** Opens (and migrates) the file, then applies the caller's extra pragmas; driver errors become `StoreUnavailableError`. */
export function openStoreDatabase(path: string, busyTimeoutMs?: number, pragmas: readonly string[] = []): Database.Database {
  try {
    const db = openDatabase(path, busyTimeoutMs);
    for (const p of pragmas) db.pragma(p);
    return db;
  } catch (err) {
    throw wrapDriverError(err);
  }
}

export function wrapDriverError(err: unknown): unknown {
  if (err instanceof InvalidCursorError || err instanceof StoreUnavailableError) return err;
  const code = (err as { code?: unknown })?.code;
  const message = errorMessage(err);
  if ((typeof code === "string" && UNAVAILABLE_CODES.test(code)) || /database connection is not open|disk I\/O/i.test(message)) {
    return new StoreUnavailableError(`SQLite unavailable (${typeof code === "string" ? code : "closed"})`, { cause: err });
  }
  return err;
}

/** What every per-kind module of the adapter shares: the connection and the round-trip accounting. */
export interface SqliteContext {
  db: Database.Database;
  stats: StoreStats;
  /** One logical operation = one round trip; driver errors that mean "unavailable" become 503s. */
  op<T>(fn: () => T): Promise<T>;
  /** Runs `fn` in an IMMEDIATE transaction (the write lock up front: no upgrade deadlocks). */
  tx<T>(fn: () => T): T;
}

export function createSqliteContext(db: Database.Database): SqliteContext {
  const stats: StoreStats = { roundTrips: 0 };
  return {
    db,
    stats,
    op<T>(fn: () => T): Promise<T> {
      stats.roundTrips++;
      try {
        return Promise.resolve(fn());
      } catch (err) {
        return Promise.reject(wrapDriverError(err));
      }
    },
    tx: <T>(fn: () => T): T => db.transaction(fn).immediate(),
  };
}
