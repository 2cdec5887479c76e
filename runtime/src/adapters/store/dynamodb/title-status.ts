/**
 * Title status on DynamoDB: ONE BatchGetItem reads every lane's pointer, the request items and the
 * predicted generations' entries of every title (in library = in any source's) (a second batch only
 * when the prediction was wrong) — `Generations.titleSources` with the request keys riding along.
 */
import { titleKey } from "../../../domain/titles/key.js";
import type { TitleKey } from "../../../ports/store/index.js";
import type { TitleStatus, TitleStatusStore } from "../../../ports/store/title-status.js";
import type { Doc } from "./client.js";
import type { Ctx } from "./context.js";
import type { Generations } from "./generations.js";
import { REQ_PK, requestSk } from "./schema.js";

export function createDynamoTitleStatus(_ctx: Ctx, gens: Generations): TitleStatusStore {
  async function titleStatus(keys: TitleKey[]): Promise<Map<string, TitleStatus>> {
    const unique = new Map<string, TitleKey>();
    for (const k of keys) unique.set(titleKey(k), { media_type: k.media_type, tmdb_id: k.tmdb_id });
    const result = new Map<string, TitleStatus>();
    if (unique.size === 0) return result;
    const { sources, extra } = await gens.titleSources(
      [...unique.values()],
      [...unique.values()].map((k) => ({ pk: REQ_PK, sk: requestSk(k.media_type, k.tmdb_id) })),
    );
    const requests = new Map<string, Doc>();
    for (const doc of extra) if (doc.pk === REQ_PK) requests.set(String(doc.sk).replace("#", ":"), doc);
    for (const key of unique.keys()) {
      const request = requests.get(key);
      result.set(key, {
        requested: request !== undefined,
        pending: request !== undefined && typeof request.added_at !== "string",
        in_library: sources.has(key),
      });
    }
    return result;
  }

  return { titleStatus };
}
