/**
 * Reading the fields of Jellyfin and Emby payloads. Pure.
 *
 * Types are checked strictly (a name that is an object is a malformed payload: 422), values
 * leniently: Jellyfin's Handlebars templates render numbers as strings ("2018", "" when absent),
 * so a number may come as a number or a numeric string, and anything unusable reads as absent.
 */
import { noIds, parseGuidEntry, type ExternalIds } from "../plex/guid.js";
import type { PayloadIssue } from "../plex/payload.js";
import type { MediaServerItemKind } from "./event.js";

export { MAX_TITLE_LENGTH } from "../library/batch.js";

export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Server names and event names are kept shorter than titles (`MAX_TITLE_LENGTH`, the sync API's limit). */
export const MAX_NAME_LENGTH = 200;
/** Server and item ids longer than this are not ids (Jellyfin's are 32 hex digits, Emby's short numbers). */
export const MAX_ID_LENGTH = 128;

/**
 * A field by its documented name, else by the same name in another case (`itemType` from a
 * hand-written template). Returns undefined when absent.
 */
export function field(obj: JsonObject, name: string): unknown {
  if (Object.hasOwn(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key];
  return undefined;
}

/** Collects the issues of one payload; every accessor returns the value when its type is right, else undefined. */
export class ShapeCheck {
  readonly issues: PayloadIssue[] = [];

  /** A string (or null/absent). `required`: absent or null is an issue too. */
  string(obj: JsonObject, name: string, path: (string | number)[], required = false): string | undefined {
    const v = field(obj, name);
    if (v === undefined || v === null) {
      if (required) this.issues.push({ path: [...path, name], message: "Required" });
      return undefined;
    }
    if (typeof v !== "string") {
      this.issues.push({ path: [...path, name], message: "Expected a string" });
      return undefined;
    }
    return v;
  }

  /** A string or a number (numbers, ids: templates quote them, Emby sends some ids as numbers). */
  scalar(obj: JsonObject, name: string, path: (string | number)[]): string | number | undefined {
    const v = field(obj, name);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string" && typeof v !== "number") {
      this.issues.push({ path: [...path, name], message: "Expected a string or a number" });
      return undefined;
    }
    return v;
  }

  object(obj: JsonObject, name: string, path: (string | number)[], required = false): JsonObject | undefined {
    const v = field(obj, name);
    if (v === undefined || v === null) {
      if (required) this.issues.push({ path: [...path, name], message: "Required" });
      return undefined;
    }
    if (!isObject(v)) {
      this.issues.push({ path: [...path, name], message: "Expected an object" });
      return undefined;
    }
    return v;
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * Undoes what the senders do to names: the webhook plugin's `Escape()` turns `"` into `\"` before
 * serialising (so with "Send All Properties" a title arrives with a literal backslash), and a
 * Handlebars `{{Name}}` (double braces) HTML-encodes `& < > " ' \` =` and, with the legacy encoder,
 * every non-ASCII character as `&#NNN;`. One pass, so `&amp;lt;` decodes to `&lt;`, not `<`.
 */
export function decodeSenderEscapes(s: string): string {
  return s.replace(/\\"|&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos));/gi, (match, dec, hex, named) => {
    if (match === '\\"') return '"';
    if (named) return NAMED_ENTITIES[named.toLowerCase()]!;
    const code = dec !== undefined ? Number(dec) : parseInt(hex, 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : match;
  });
}

/** Trimmed, at most `max` UTF-16 units without splitting a surrogate pair; empty → null. */
export function capped(s: string, max: number): string | null {
  const t = s.trim();
  if (t === "") return null;
  if (t.length <= max) return t;
  const cut = /[\uD800-\uDBFF]/.test(t[max - 1]!) ? max - 1 : max;
  return t.slice(0, cut).trimEnd();
}

/** A title or a name as displayed: sender escapes undone, trimmed, capped. */
export const displayText = (v: string | undefined, max: number): string | null =>
  v === undefined ? null : capped(decodeSenderEscapes(v), max);

/** An id: a string or an integer, trimmed; too long or empty → null. */
export function idText(v: string | number | undefined): string | null {
  if (v === undefined) return null;
  const s = typeof v === "number" ? (Number.isSafeInteger(v) ? String(v) : "") : v.trim();
  return s !== "" && s.length <= MAX_ID_LENGTH ? s : null;
}

/** A non-negative integer from a number or a decimal string ("2", " 12 "); anything else → null. */
export function wholeNumber(v: string | number | undefined, max: number): number | null {
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && /^\s*\d{1,9}\s*$/.test(v)) n = Number(v);
  else return null;
  return Number.isInteger(n) && n >= 0 && n <= max ? n : null;
}

/** Season and episode numbers (0 is the specials season). */
export const indexNumber = (v: string | number | undefined): number | null => wholeNumber(v, 100_000);

/** A plausible release year (as `domain/plex/metadata.ts` accepts). */
export function year(v: string | number | undefined): number | null {
  const n = wholeNumber(v, 3000);
  return n !== null && n >= 1800 ? n : null;
}

/** The year of an ISO date (`2008-01-20`, `2023-05-30T16:00:00.0000000Z`). */
export function yearOfDate(v: string | undefined): number | null {
  const m = v === undefined ? null : /^\s*(\d{4})-\d{2}-\d{2}/.exec(v);
  return m ? year(m[1]) : null;
}

export type ProviderKind = keyof ExternalIds;

/**
 * Provider ids from `[key, value]` pairs: `kindOf` names the kind a key stands for (or null). Keys
 * repeat in other cases in the wild, so the first valid value of each kind wins; a value is a
 * string or an integer with stray whitespace, validated as the Plex guid parser validates `tmdb://`,
 * `tvdb://` and `imdb://` values (positive integers; `tt` + digits). Invalid values count as absent.
 */
export function providerIds(pairs: Iterable<[string, unknown]>, kindOf: (key: string) => ProviderKind | null): ExternalIds {
  const ids = noIds();
  for (const [key, raw] of pairs) {
    const kind = kindOf(key);
    if (kind === null || ids[kind] !== null) continue;
    let value: string;
    if (typeof raw === "string") value = raw.trim();
    else if (typeof raw === "number" && Number.isSafeInteger(raw) && kind !== "imdb") value = String(raw);
    else continue;
    if (kind === "imdb") value = value.toLowerCase();
    const parsed = parseGuidEntry(`${kind}://${value}`)[kind];
    if (parsed != null) (ids as Record<ProviderKind, number | string | null>)[kind] = parsed;
  }
  return ids;
}

/** `tmdb`, `tvdb`, `imdb` in any case (and nothing else: not `TmdbCollection`, `TvRage`, `Tvcom`). */
export function providerKind(name: string): ProviderKind | null {
  const k = name.toLowerCase();
  return k === "tmdb" || k === "tvdb" || k === "imdb" ? k : null;
}

const KINDS: Record<string, MediaServerItemKind> = { movie: "movie", series: "show", season: "season", episode: "episode" };

/** Jellyfin's `ItemType` and Emby's `Item.Type` share the server's class names: `Movie`, `Series`, `Season`, `Episode`. */
export const itemKind = (type: string): MediaServerItemKind => KINDS[type.trim().toLowerCase()] ?? "other";
