/**
 * Reading single values of the original Stellarr's data (product.md §13), as either of its backends
 * stored them, defects included: ids as numbers or numeric strings ("121361"), SQLite's zone-less
 * `YYYY-MM-DD HH:MM:SS` and DynamoDB's ISO-8601 with microseconds. Pure.
 *
 * Every reader answers the value, `null` when the value is absent (missing, null or ""), or
 * `INVALID` when something is there that is not such a value.
 */
import { normaliseImdbId } from "../catalogue/normalise.js";
import { positiveId } from "../plex/guid.js";

export const INVALID = Symbol("invalid");
export type Read<T> = T | null | typeof INVALID;

/** TMDB and TVDB ids are 32-bit in practice; anything beyond is garbage (e.g. a hash). */
const MAX_ID = 2_147_483_647;

export const isAbsent = (v: unknown): boolean => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** A positive integer id: a number, a string of digits, or a SQLite integer read as a bigint. */
export function readId(v: unknown): Read<number> {
  if (isAbsent(v)) return null;
  if (typeof v === "number") return Number.isInteger(v) && v >= 1 && v <= MAX_ID ? v : INVALID;
  if (typeof v === "bigint") return v >= 1n && v <= BigInt(MAX_ID) ? Number(v) : INVALID;
  if (typeof v === "string") return positiveId(v) ?? INVALID;
  return INVALID;
}

/** A release year (number or digits) in a plausible range. */
export function readYear(v: unknown): Read<number> {
  const n = readId(v);
  if (n === null || n === INVALID) return n;
  return n >= 1800 && n <= 2200 ? n : INVALID;
}

export function readText(v: unknown): Read<string> {
  if (isAbsent(v)) return null;
  return typeof v === "string" ? v : INVALID;
}

/** A TMDB poster path (`/<file>`), as the catalogue accepts it. */
export function readPosterPath(v: unknown): Read<string> {
  const s = readText(v);
  if (s === null || s === INVALID) return s;
  return /^\/[\w.-]+$/.test(s) ? s : INVALID;
}

/** An IMDb title id, lower-cased `tt` + digits as the feeds serve it. */
export function readImdbId(v: unknown): Read<string> {
  if (isAbsent(v)) return null;
  return normaliseImdbId(v) ?? INVALID;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A timestamp as ISO-8601 UTC with milliseconds and `Z` (the API's form). Zone-less values are UTC
 * (SQLite's CURRENT_TIMESTAMP); fractions beyond milliseconds are truncated, so the result is
 * exact to the second and never later than the original.
 */
export function readTimestamp(v: unknown): Read<string> {
  if (isAbsent(v)) return null;
  if (typeof v !== "string") return INVALID;
  const m = TIMESTAMP.exec(v.trim());
  if (!m) return INVALID;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (year < 1970 || hour > 23 || minute > 59 || second > 59) return INVALID;
  const midnight = new Date(Date.UTC(year, month - 1, day));
  if (midnight.getUTCFullYear() !== year || midnight.getUTCMonth() !== month - 1 || midnight.getUTCDate() !== day) return INVALID;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, Number((m[7] ?? "").padEnd(3, "0").slice(0, 3)));
  const zone = m[8]?.toUpperCase();
  if (zone && zone !== "Z") {
    const [, sign, hh, mm] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    if (Number(hh) > 23 || Number(mm) > 59) return INVALID;
    ms -= (sign === "-" ? -1 : 1) * (Number(hh) * 60 + Number(mm)) * 60_000;
  }
  return new Date(ms).toISOString();
}

/** A value as it may appear in a report line: short, one line. */
export function shown(v: unknown): string {
  if (v === undefined) return "(missing)";
  const text = typeof v === "string" ? JSON.stringify(v) : typeof v === "bigint" ? String(v) : (JSON.stringify(v) ?? String(v));
  const line = text.replace(/\s+/g, " ");
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}
