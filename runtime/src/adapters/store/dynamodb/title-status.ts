/**
 * Title status on DynamoDB: ONE BatchGetItem reads every lane's pointer, the request items and the
 * predicted generations' entries of every title (in library = in any source's) (a second batch only when the prediction was wrong).
 */
import { titleKey } from "../../../domain/titles/key.js";
import type { MediaType, TitleKey } from "../../../ports/store/index.js";
import type { TitleStatus, TitleStatusStore } from "../../../ports/store/title-status.js";
import type { Doc } from "./client.js";
import type { Ctx } from "./context.js";
import type { Generations } from "./generations.js";
import { INITIAL_GEN, LIBRARY_SOURCE_NAMES, REQ_PK, laneId, requestSk, type Lane } from "./schema.js";

export function createDynamoTitleStatus(_ctx: Ctx, gens: Generations): TitleStatusStore {
  const { known: knownGens, readWithPointers } = gens;

  async function titleStatus(keys: TitleKey[]): Promise<Map<string, TitleStatus>> {
    const unique = new Map<string, TitleKey>();
    for (const k of keys) unique.set(titleKey(k), { media_type: k.media_type, tmdb_id: k.tmdb_id });
    const result = new Map<string, TitleStatus>();
    if (unique.size === 0) return result;
    const types = [...new Set([...unique.values()].map((k) => k.media_type))];
    const lanes: Lane[] = types.flatMap((type) => LIBRARY_SOURCE_NAMES.map((source) => ({ source, type })));
    const idsOf = (type: MediaType) => [...unique.values()].filter((k) => k.media_type === type).map((k) => k.tmdb_id);
    // A lane other than Plex's has entries only once its pointer exists (see library.ts).
    const counts = (lane: Lane, ptr: { exists: boolean }) => lane.source === "plex" || ptr.exists;
    const { pointers, entries, extra } = await readWithPointers(
      lanes,
      [...unique.values()].map((k) => ({ pk: REQ_PK, sk: requestSk(k.media_type, k.tmdb_id) })),
      (lane) => {
        const known = knownGens.get(laneId(lane));
        const gens = lane.source === "plex" ? [known?.current ?? INITIAL_GEN] : known?.exists ? [known.current] : [];
        return { gens, ids: idsOf(lane.type) };
      },
      (lane, ptr) => (counts(lane, ptr) ? [ptr.gen] : []),
    );
    for (const lane of lanes) {
      const ptr = pointers.get(laneId(lane))!;
      const known = knownGens.get(laneId(lane));
      knownGens.set(laneId(lane), { current: ptr.gen, open: known?.open ?? [], exists: ptr.exists });
    }
    const requests = new Map<string, Doc>();
    for (const doc of extra) if (doc.pk === REQ_PK) requests.set(String(doc.sk).replace("#", ":"), doc);
    for (const [key, k] of unique) {
      const request = requests.get(key);
      const inLane = (lane: Lane) => {
        const ptr = pointers.get(laneId(lane))!;
        return counts(lane, ptr) && entries.has(`${k.media_type}|${ptr.gen}|${k.tmdb_id}`);
      };
      result.set(key, {
        requested: request !== undefined,
        pending: request !== undefined && typeof request.added_at !== "string",
        in_library: LIBRARY_SOURCE_NAMES.some((source) => inLane({ source, type: k.media_type })),
      });
    }
    return result;
  }

  return { titleStatus };
}
