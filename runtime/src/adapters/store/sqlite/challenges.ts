/** Single-use login challenges on SQLite: the primary key makes the first use the only one. */
import type { ChallengeStore } from "../../../ports/store/challenges.js";
import type { SqliteContext } from "./database.js";

export function createSqliteChallenges(ctx: SqliteContext): ChallengeStore {
  const { db, op, tx } = ctx;
  const st = {
    consume: db.prepare<[id: string, expiresAt: number]>(
      `INSERT INTO challenges (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`,
    ),
    purge: db.prepare<[nowMs: number]>(`DELETE FROM challenges WHERE expires_at <= ?`),
  };
  return {
    consumeChallenge: (id, expiresAtMs, nowMs) =>
      op(() =>
        tx(() => {
          st.purge.run(nowMs);
          return st.consume.run(id, expiresAtMs).changes === 1;
        }),
      ),
  };
}
