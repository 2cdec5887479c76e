/**
 * Title status on DynamoDB: ONE BatchGetItem reads both pointers, the request items and the
 * predicted generation's entries of every title (a second batch only when the prediction was wrong).
 */
import { titleKey } from "../../../domain/titles/key.js";
import type { MediaType, TitleKey } from "../../../ports/store/index.js";
import type { TitleStatus, TitleStatusStore } from "../../../ports/store/title-status.js";
import type { Doc } from "./client.js";
import type { Ctx } from "./context.js";
import type { Generations } from "./generations.js";
import { INITIAL_GEN, REQ_PK, requestSk } from "./schema.js";

export function createDynamoTitleStatus(_ctx: Ctx, gens: Generations): TitleStatusStore {
  const { known: knownGens, readWithPointers } = gens;

  async function titleStatus(keys: TitleKey[]): Promise<Map<string, TitleStatus>> {
    const unique = new Map<string, TitleKey>();
    for (const k of keys) unique.set(titleKey(k), { media_type: k.media_type, tmdb_id: k.tmdb_id });
    const result = new Map<string, TitleStatus>();
    if (unique.size === 0) return result;
    const types = [...new Set([...unique.values()].map((k) => k.media_type))];
    const idsOf = (type: MediaType) => [...unique.values()].filter((k) => k.media_type === type).map((k) => k.tmdb_id);
    const { pointers, entries, extra } = await readWithPointers(
      types,
      [...unique.values()].map((k) => ({ pk: REQ_PK, sk: requestSk(k.media_type, k.tmdb_id) })),
      (type) => ({ gens: [knownGens.get(type)?.current ?? INITIAL_GEN], ids: idsOf(type) }),
      (_type, ptr) => [ptr.gen],
    );
    for (const [type, ptr] of pointers) {
      const known = knownGens.get(type);
      knownGens.set(type, { current: ptr.gen, open: known?.open ?? [] });
    }
    const requests = new Map<string, Doc>();
    for (const doc of extra) if (doc.pk === REQ_PK) requests.set(String(doc.sk).replace("#", ":"), doc);
    for (const [key, k] of unique) {
      const request = requests.get(key);
      const gen = pointers.get(k.media_type)!.gen;
      result.set(key, {
        requested: request !== undefined,
        pending: request !== undefined && typeof request.added_at !== "string",
        in_library: entries.has(`${k.media_type}|${gen}|${k.tmdb_id}`),
      });
    }
    return result;
  }

  return { titleStatus };
}
