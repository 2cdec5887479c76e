/**
 * SQLite adapter of the storage ports (better-sqlite3 12): one module per kind of data over one
 * connection (`database.ts` opens and migrates it).
 *
 * better-sqlite3 is synchronous, so every method runs to completion without interleaving; the
 * invariants (one request per title, single-use challenges, fixed rate-limit windows, atomic
 * resync commits) still come from constraints and transactions, not from that fact.
 * Every driver error that means "the store cannot serve now" (full disk, read-only file, locked,
 * I/O) becomes `StoreUnavailableError` → 503.
 */
import type { Store } from "../../../ports/store/index.js";
import { createSqliteChallenges } from "./challenges.js";
import { createSqliteChannels } from "./channels.js";
import { createSqliteChanges } from "./changes.js";
import { createSqliteContext, openStoreDatabase } from "./database.js";
import { createSqliteDeliveries } from "./deliveries.js";
import { createSqliteFollows } from "./follows.js";
import { createSqliteGuidCache } from "./guid-cache.js";
import { createSqliteLibrary } from "./library.js";
import { createSqliteRateLimits } from "./rate-limits.js";
import { createSqliteRequests } from "./requests.js";
import { createSqliteSubscriptions } from "./subscriptions.js";
import { createSqliteTitleStatus } from "./title-status.js";

export { migrate, openDatabase } from "./database.js";
export { RESYNC_EXPIRY_MS } from "./library.js";

export interface SqliteStoreOptions {
  /** Database file path, or ":memory:". */
  path: string;
  busyTimeoutMs?: number;
  /** Extra pragmas applied after migrations (tuning; tests use them to simulate a full or read-only disk). */
  pragmas?: string[];
}

export function createSqliteStore(opts: SqliteStoreOptions): Store {
  const db = openStoreDatabase(opts.path, opts.busyTimeoutMs, opts.pragmas);
  const ctx = createSqliteContext(db);
  // One row of each core table through the key the request paths use: a few cached page reads,
  // yet a table whose pages cannot be read fails it (SELECT 1 reads no table at all).
  const probe = db.prepare(
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
       (SELECT count FROM rate_limits WHERE key = ''),
       (SELECT n FROM changes WHERE id = 1)`,
  );
  let closed = false;

  return {
    kind: "sqlite",
    stats: ctx.stats,
    ping: () => ctx.op(() => void probe.get()),
    async close() {
      if (closed) return;
      closed = true;
      try {
        db.pragma("wal_checkpoint(TRUNCATE)");
      } finally {
        db.close();
      }
    },
    ...createSqliteRequests(ctx),
    ...createSqliteTitleStatus(ctx),
    ...createSqliteLibrary(ctx),
    ...createSqliteGuidCache(ctx),
    ...createSqliteSubscriptions(ctx),
    ...createSqliteChallenges(ctx),
    ...createSqliteRateLimits(ctx),
    ...createSqliteFollows(ctx),
    ...createSqliteChannels(ctx),
    ...createSqliteDeliveries(ctx),
    ...createSqliteChanges(ctx),
  };
}
