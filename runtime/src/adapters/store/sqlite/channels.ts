/** Personal notification channels on SQLite: one `channels` row each. */
import type { ChannelStore, PersonalChannelRecord } from "../../../ports/store/channels.js";
import type { SqliteContext } from "./database.js";

export function createSqliteChannels(ctx: SqliteContext): ChannelStore {
  const { db, op } = ctx;
  const st = {
    put: db.prepare<PersonalChannelRecord>(
      `INSERT INTO channels (id, owner, spec, locale, created_at) VALUES (@id, @owner, @spec, @locale, @created_at)
       ON CONFLICT (id) DO UPDATE SET spec = excluded.spec, locale = excluded.locale WHERE owner = excluded.owner`,
    ),
    list: db.prepare<[owner: string], PersonalChannelRecord>(`SELECT * FROM channels WHERE owner = ? ORDER BY created_at, id`),
    get: db.prepare<[owner: string, id: string], PersonalChannelRecord>(`SELECT * FROM channels WHERE owner = ? AND id = ?`),
    delete: db.prepare<[owner: string, id: string]>(`DELETE FROM channels WHERE owner = ? AND id = ?`),
  };
  return {
    putChannel: (channel) => op(() => void st.put.run(channel)),
    listChannels: (owner) => op(() => st.list.all(owner)),
    getChannel: (owner, id) => op(() => st.get.get(owner, id) ?? null),
    deleteChannel: (owner, id) => op(() => st.delete.run(owner, id).changes > 0),
  };
}
