/**
 * The tags Stellarr's instance lists carry (issue #22): `anime` and one `requested-by-<name>` per
 * requester. Radarr and Sonarr keep the *ids* of the tags a user picks in the list's filter
 * (`TagIds`) and match them against each item's `tags`, so an id must name the same tag forever —
 * across calls, list contents, restarts, both stores and both shapes — without any stored state.
 *
 * Requester tag ids are therefore a hash of the label, not a position: ids derived from the
 * sorted set of current names would shift whenever a new requester appears, silently turning a
 * "only Alice's requests" filter into someone else's. FNV-1a (32-bit) over the label's UTF-8,
 * folded into [1000, 2^31 − 1): Json.NET reads ids as `int`, and ids below 1000 are kept for fixed
 * tags. Two labels share an id with odds of about n²/2³² (≈ 2·10⁻⁶ for 100 requesters); a clash
 * would only make two requesters' filters match each other's titles, never hide a title.
 */

export interface ArrTag {
  id: number;
  label: string;
}

export const ANIME_TAG: ArrTag = Object.freeze({ id: 1, label: "anime" });

const REQUESTER_PREFIX = "requested-by-";
const FIRST_HASHED_ID = 1000;
const INT32_MAX = 2 ** 31 - 1;

function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * `requested-by-<name>`: the name lower-cased, every run of characters that are not letters or
 * digits (any script) as one `-`, no leading or trailing `-`. A name with no letters or digits
 * at all gets its hash instead, so it still has a tag of its own.
 */
export function requesterTagLabel(name: string): string {
  const slug = name
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return REQUESTER_PREFIX + (slug || `x${fnv1a32(name.normalize("NFC")).toString(16)}`);
}

export function tagIdOf(label: string): number {
  return FIRST_HASHED_ID + (fnv1a32(label) % (INT32_MAX - FIRST_HASHED_ID));
}

export function requesterTag(name: string): ArrTag {
  const label = requesterTagLabel(name);
  return { id: tagIdOf(label), label };
}

/** An item's `tags`: its requester's tag and, for anime, `anime`. Always an array (the tag filter dereferences it). */
export function itemTagIds(item: { requested_by: string | null; anime: boolean }): number[] {
  const ids: number[] = [];
  if (item.anime) ids.push(ANIME_TAG.id);
  if (item.requested_by !== null && item.requested_by.trim() !== "") ids.push(requesterTag(item.requested_by).id);
  return ids;
}

/**
 * `GET …/api/v3/tag`: `anime` first, then one tag per distinct requester label, by label. The
 * caller decides whose names to offer (every requester it knows, so a filter can be set up
 * before someone's first request reaches the list).
 */
export function tagList(names: Iterable<string | null>): ArrTag[] {
  const byLabel = new Map<string, ArrTag>();
  for (const name of names) {
    if (name === null || name.trim() === "") continue;
    const tag = requesterTag(name);
    byLabel.set(tag.label, tag);
  }
  return [ANIME_TAG, ...[...byLabel.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))];
}
