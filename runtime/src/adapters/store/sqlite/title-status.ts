/** Title status on SQLite: every key's request row and library row in any source's current generation, in one read transaction. */
import { titleKey } from "../../../domain/titles/key.js";
import type { TitleStatus, TitleStatusStore } from "../../../ports/store/title-status.js";
import type { SqliteContext } from "./database.js";
import { prepareLibraryStatements } from "./library.js";
import { prepareRequestStatements } from "./requests.js";

export function createSqliteTitleStatus(ctx: SqliteContext): TitleStatusStore {
  const lib = prepareLibraryStatements(ctx);
  const requests = prepareRequestStatements(ctx);
  return {
    titleStatus: (keys) =>
      ctx.op(() =>
        ctx.tx(() => {
          const out = new Map<string, TitleStatus>();
          for (const k of keys) {
            const req = requests.get.get(k.media_type, k.tmdb_id);
            const inLibrary = lib.inAnyLibrary.get(k.tmdb_id, k.media_type);
            out.set(titleKey(k), { requested: !!req, pending: !!req && req.added_at === null, in_library: !!inLibrary });
          }
          return out;
        }),
      ),
  };
}
