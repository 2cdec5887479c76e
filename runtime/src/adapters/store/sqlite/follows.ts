/** Follows on SQLite: one `follows` row per (title, name). */
import type { TitleKey } from "../../../ports/store/index.js";
import type { FollowStore } from "../../../ports/store/follows.js";
import type { SqliteContext } from "./database.js";

interface FollowRow {
  media_type: string;
  tmdb_id: number;
  name: string;
}

/** The titles one name follows, straight from the `follows_by_name` index (migration 6). */
export const FOLLOWED_BY_SQL = `SELECT media_type, tmdb_id FROM follows WHERE name = ? ORDER BY media_type, tmdb_id`;

export function createSqliteFollows(ctx: SqliteContext): FollowStore {
  const { db, op } = ctx;
  const st = {
    follow: db.prepare<[mediaType: string, tmdbId: number, name: string]>(
      `INSERT INTO follows (media_type, tmdb_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    unfollow: db.prepare<[mediaType: string, tmdbId: number, name: string]>(
      `DELETE FROM follows WHERE media_type = ? AND tmdb_id = ? AND name = ?`,
    ),
    // The page's titles as one JSON array of [media_type, tmdb_id] pairs: one statement whatever the page size.
    of: db.prepare<[keys: string], FollowRow>(
      `SELECT f.media_type, f.tmdb_id, f.name
         FROM json_each(?) AS k
         JOIN follows AS f ON f.media_type = json_extract(k.value, '$[0]') AND f.tmdb_id = json_extract(k.value, '$[1]')
        ORDER BY f.name`,
    ),
    followedBy: db.prepare<[name: string], TitleKey>(FOLLOWED_BY_SQL),
    deleteAll: db.prepare<[mediaType: string, tmdbId: number]>(`DELETE FROM follows WHERE media_type = ? AND tmdb_id = ?`),
  };
  return {
    follow: (key, name) => op(() => (st.follow.run(key.media_type, key.tmdb_id, name).changes === 1 ? "followed" : "already")),
    unfollow: (key, name) => op(() => st.unfollow.run(key.media_type, key.tmdb_id, name).changes > 0),
    async followersOf(keys) {
      if (keys.length === 0) return [];
      const rows = await op(() => st.of.all(JSON.stringify(keys.map((k) => [k.media_type, k.tmdb_id]))));
      return alignFollowers(keys, rows);
    },
    followedBy: (name) => op(() => st.followedBy.all(name).map((r) => ({ media_type: r.media_type, tmdb_id: r.tmdb_id }))),
    deleteFollows: (key) => op(() => void st.deleteAll.run(key.media_type, key.tmdb_id)),
  };
}

function alignFollowers(keys: readonly TitleKey[], rows: readonly FollowRow[]): string[][] {
  const byTitle = new Map<string, string[]>();
  for (const row of rows) {
    const id = `${row.media_type}:${row.tmdb_id}`;
    const names = byTitle.get(id) ?? [];
    // A title listed twice in `keys` joins twice.
    if (!names.includes(row.name)) names.push(row.name);
    byTitle.set(id, names);
  }
  return keys.map((k) => [...(byTitle.get(`${k.media_type}:${k.tmdb_id}`) ?? [])]);
}
